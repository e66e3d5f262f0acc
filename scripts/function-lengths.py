#!/usr/bin/env python3
"""Lists the longest functions of the product code (app/ ui/ models/ aws/ simulator/), longest first.

A function is a body whose opening brace stands alone on a line at column 0 or at class-member indentation (the
project's clang-format puts every function's brace there), or ends a signature line at that indentation, and
is not nested in another function. Its length is counted from the signature's first line to the closing
brace, both included. Braces in comments, string and character literals and preprocessor lines are ignored;
lambdas and local classes count as part of the function around them.

    scripts/function-lengths.py [--top N] [--max LINES] [ROOT]

prints the top N (default 10) as "lines  file:line  name"; with --max it also lists every function longer than
LINES and exits 1 when there is one, so a test can keep the limit (tests/CMakeLists.txt, function_lengths).
Python 3 standard library only.
"""

import argparse
import os
import re
import sys

PRODUCT_DIRS = ("app", "ui", "models", "aws", "simulator")
SOURCE_SUFFIXES = (".cpp", ".h")
# Indentations a function's opening brace may have: namespace scope, a class member, a nested class's member.
MEMBER_INDENTS = (0, 4, 8)
SCOPE_KEYWORDS = re.compile(r"^(template\s*<.*>\s*)?(class|struct|union|namespace|enum)\b|^extern\s*$", re.S)
ACCESS_OR_MACRO_LINE = re.compile(
    r"^\s*((public|protected|private)(\s+(slots|Q_SLOTS))?\s*:|signals\s*:|Q_SIGNALS\s*:|"
    r"[A-Z][A-Z0-9_]+(\(.*\))?\s*)$"
)
QUALIFIERS = {"const", "override", "final", "noexcept", "mutable", "volatile", "try"}


def strip_code(text):
    """Returns text with comments, string and character literals and preprocessor lines blanked out.

    Newlines are kept, so offsets and line numbers stay those of the original."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            out.append(c)
            i += 1
            at_line_start = True
            continue
        if at_line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if at_line_start and c == "#":
            # A preprocessor directive, with its continuation lines.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append(" \n")
                    i += 2
                    continue
                out.append(" ")
                i += 1
            continue
        at_line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" ")
                i += 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        if c == '"':
            prefix = re.search(r"(?:u8|u|U|L)?R$", text[max(0, i - 3) : i])
            before = text[i - len(prefix.group(0)) - 1] if prefix and i - len(prefix.group(0)) > 0 else ""
            if prefix and not (before.isalnum() or before == "_"):
                # A raw string: R"delim( ... )delim"
                open_paren = text.find("(", i)
                delim = text[i + 1 : open_paren]
                end = text.find(")" + delim + '"', open_paren)
                end = n if end < 0 else end + len(delim) + 2
            else:
                end = i + 1
                while end < n and text[end] != '"' and text[end] != "\n":
                    end += 2 if text[end] == "\\" else 1
                end += 1
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        if c == "'":
            prev = text[i - 1] if i > 0 else ""
            if prev.isalnum() and re.search(r"\b\d[\w']*$", text[max(0, i - 40) : i]):
                # A digit separator (1'000), not a character literal.
                out.append(c)
                i += 1
                continue
            end = i + 1
            while end < n and text[end] != "'" and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            end += 1
            out.append(" " * (end - i))
            i = end
            continue
        out.append(c)
        i += 1
    return "".join(out)


def header_lines(code, boundary, brace):
    """The lines of the declaration before the brace at offset `brace`, without access specifiers or macros."""
    lines = code[boundary:brace].split("\n")
    # The first piece is the rest of the line that held the boundary; keep it only when it holds code.
    while lines and (not lines[0].strip() or ACCESS_OR_MACRO_LINE.match(lines[0])):
        lines.pop(0)
    return lines


def function_name(header):
    """The (qualified) name before the first parenthesis outside template brackets, or None."""
    flat = " ".join(header.split())
    angle = 0
    for pos, c in enumerate(flat):
        if flat.startswith("operator", pos):
            match = re.match(r"operator\s*(\(\)|[^\s(]+)\s*\(", flat[pos:])
            if match:
                start = re.search(r"[\w:~]*$", flat[:pos]).start()
                return flat[start : pos + match.end() - 1].replace(" ", "")
        if c == "<":
            angle += 1
        elif c == ">" and angle:
            angle -= 1
        elif c == "(" and not angle:
            match = re.search(r"([\w:~]+)\s*$", flat[:pos])
            return match.group(1) if match else None
    return None


def class_name(header):
    """The name of the class or struct a scope's declaration opens, or None for a namespace or an enum."""
    match = re.search(r"\b(?:class|struct|union)\s+(?:\[\[.*?\]\]\s*)?(?:[A-Z_]+_EXPORT\s+)?(\w+)", header)
    return match.group(1) if match else None


def opens_function(code, line_start, brace, header):
    """Whether the brace at offset `brace` opens a function body, given the declaration before it."""
    text = " ".join(" ".join(header).split())
    if not text or "(" not in text or SCOPE_KEYWORDS.match(text):
        return False
    line = code[line_start : code.find("\n", brace) if code.find("\n", brace) >= 0 else len(code)]
    indent = len(line) - len(line.lstrip(" "))
    if indent not in MEMBER_INDENTS:
        return False
    if line.strip() == "{":
        return True
    # "signature {" on one line: the brace ends the line and follows a parameter list, a qualifier or an
    # initializer list.
    if code[brace + 1 : code.find("\n", brace)].strip():
        return False
    before = code[line_start:brace].rstrip()
    last_word = re.search(r"(\w+)$", before)
    return before.endswith((")", "}")) or (last_word is not None and last_word.group(1) in QUALIFIERS)


def functions_in(path, rel):
    """Yields (lines, first line, name) for each function in one file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        code = strip_code(f.read())
    # One entry per open brace: (kind, offset, name, first line). kind is "function", "scope" (a namespace, a
    # class, named, or an enum) or "other" (any other brace: a block, an initializer).
    stack = []
    boundary = 0  # where the current declaration at namespace or class scope began
    for pos, c in enumerate(code):
        if c not in "{};":
            continue
        in_function = any(entry[0] == "function" for entry in stack)
        if c == ";":
            if not in_function and not any(entry[0] == "other" for entry in stack[-1:]):
                boundary = pos + 1
            continue
        if c == "{":
            if in_function or (stack and stack[-1][0] == "other"):
                stack.append(("other", pos, None, 0))
                continue
            header = header_lines(code, boundary, pos)
            line_start = code.rfind("\n", 0, pos) + 1
            if opens_function(code, line_start, pos, header):
                first = code.count("\n", 0, pos) + 1 - (len(header) - 1)
                name = function_name(" ".join(header)) or "?"
                classes = [entry[2] for entry in stack if entry[0] == "scope" and entry[2]]
                if classes and "::" not in name:
                    name = "::".join(classes + [name])
                stack.append(("function", pos, name, first))
            elif SCOPE_KEYWORDS.match(" ".join(" ".join(header).split())) or not header:
                stack.append(("scope", pos, class_name(" ".join(header)), 0))
                boundary = pos + 1
            else:
                stack.append(("other", pos, None, 0))
            continue
        if not stack:
            continue
        kind, _, name, first = stack.pop()
        if kind == "function":
            last = code.count("\n", 0, pos) + 1
            yield last - first + 1, first, name
        if kind in ("function", "scope") and not any(entry[0] == "function" for entry in stack):
            boundary = pos + 1


def scan(root):
    found = []
    for folder in PRODUCT_DIRS:
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for file in sorted(files):
                if not file.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.join(directory, file)
                rel = os.path.relpath(path, root)
                for lines, first, name in functions_in(path, rel):
                    found.append((lines, rel, first, name))
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=10, help="how many of the longest functions to print")
    parser.add_argument("--max", type=int, help="exit 1 when a function is longer than this many lines")
    default_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("root", nargs="?", default=default_root, help="the source tree (default: this one)")
    args = parser.parse_args()

    found = scan(args.root)
    if not found:
        print(f"no functions found under {args.root}", file=sys.stderr)
        return 2
    for lines, rel, first, name in found[: args.top]:
        print(f"{lines:5}  {rel}:{first}  {name}")
    if args.max is None:
        return 0
    over = [f for f in found if f[0] > args.max]
    if over:
        print(f"\n{len(over)} function(s) longer than {args.max} lines:", file=sys.stderr)
        for lines, rel, first, name in over:
            print(f"{lines:5}  {rel}:{first}  {name}", file=sys.stderr)
        return 1
    print(f"\nevery one of {len(found)} functions is at most {args.max} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
