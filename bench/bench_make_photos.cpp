// Makes 12-megapixel test photos (4032×3024) from smaller ones by upscaling,
// as a phone camera would deliver them. Each source gives COPIES variants
// (mirrored and re-encoded differently) so that no two files share content
// and the scanner's duplicate detection cannot skip any of them.

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: bench_make_photos SRC_DIR DST_DIR COPIES\n");
        return 2;
    }
    const QDir src(args[1]);
    QDir().mkpath(args[2]);
    const int copies = args[3].toInt();
    int made = 0;
    for (const QString &name : src.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name)) {
        const QImage in(src.filePath(name));
        if (in.isNull())
            continue;
        const QImage big = in.scaled(4032, 3024, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation)
                               .copy(0, 0, 4032, 3024);
        for (int k = 0; k < copies; ++k) {
            const QImage variant = (k % 2) ? big.mirrored(true, false) : big;
            const QString out = QDir(args[2]).filePath(QStringLiteral("%1-%2.jpg").arg(QFileInfo(name).baseName()).arg(k));
            if (variant.save(out, "JPEG", 88 + k))
                ++made;
        }
    }
    std::printf("%d photos of 4032x3024 in %s\n", made, qPrintable(args[2]));
    return made > 0 ? 0 : 1;
}
