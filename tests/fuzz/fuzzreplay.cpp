// Replays a committed corpus through a fuzz target's LLVMFuzzerTestOneInput, once per file, in name order. Built
// instead of libFuzzer's main when HOOKDESK_FUZZ is off (gcc, CI), so every input that once broke a parser keeps
// being checked deterministically without random fuzzing.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

QStringList inputFiles(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return info.isFile() ? QStringList { path } : QStringList {};
    QStringList files;
    const QDir dir(path);
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name))
        files.append(dir.filePath(name));
    return files;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus directory or file>...\n", argv[0]);
        return 2;
    }
    // libFuzzer always starts with the empty input; so does the replay.
    LLVMFuzzerTestOneInput(nullptr, 0);
    int replayed = 0;
    for (int i = 1; i < argc; ++i) {
        for (const QString& path : inputFiles(QString::fromLocal8Bit(argv[i]))) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
                return 2;
            }
            const QByteArray data = file.readAll();
            // Printed before running, so a crash names its input.
            std::printf("replaying %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(data.size()));
            std::fflush(stdout);
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.constData()), size_t(data.size()));
            ++replayed;
        }
    }
    if (replayed == 0) {
        // An empty or misnamed corpus directory must not pass as "nothing crashed".
        std::fprintf(stderr, "no corpus files found\n");
        return 1;
    }
    std::printf("%d inputs replayed, every invariant held\n", replayed);
    return 0;
}
