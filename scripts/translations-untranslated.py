#!/usr/bin/env python3
"""Lists the messages of a translation that still need a translator, by context, in file order.

After `cmake --build build/dev --target update_translations` has added new source strings to every .ts, this shows
what the German file (or another one) lacks: messages marked unfinished, and numerus forms or translations left
empty. Vanished and obsolete messages (source strings no longer in the code) are listed apart, to be removed.

    scripts/translations-untranslated.py [--count] [TS]

TS defaults to resources/translations/hookdesk_de.ts. Prints "context<TAB>source" per message (a source's line
breaks as \\n), or with --count only the numbers; exits 1 when something is untranslated, so it can gate a release.
Python 3 standard library only.
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET

DEFAULT_TS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "translations", "hookdesk_de.ts")


def needs_translation(translation):
    if translation is None or translation.get("type") == "unfinished":
        return True
    forms = translation.findall("numerusform")
    texts = [form.text for form in forms] if forms else [translation.text]
    return any(not text for text in texts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ts", nargs="?", default=DEFAULT_TS)
    parser.add_argument("--count", action="store_true", help="print only how many messages need work")
    args = parser.parse_args()

    untranslated, stale, total = [], [], 0
    for context in ET.parse(args.ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = (message.findtext("source") or "").replace("\n", "\\n")
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("vanished", "obsolete"):
                stale.append((name, source))
                continue
            total += 1
            if needs_translation(translation):
                untranslated.append((name, source))

    if args.count:
        print(f"{len(untranslated)} of {total} messages untranslated, {len(stale)} vanished or obsolete")
    else:
        for name, source in untranslated:
            print(f"{name}\t{source}")
        for name, source in stale:
            print(f"{name}\t{source}\t(vanished: remove)")
    return 1 if untranslated else 0


if __name__ == "__main__":
    sys.exit(main())
