// Makes 12-megapixel test photos (4032×3024) from smaller ones by upscaling,
// as a phone camera would deliver them: with an Exif segment that holds the
// orientation and a 160×120 JPEG thumbnail (IFD1), in big-endian and
// little-endian byte order on alternate copies, as cameras of either kind
// write it. Each source gives COPIES variants (mirrored and re-encoded
// differently) so that no two files share content and the scanner's
// duplicate detection cannot skip any of them.

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <cstdio>

namespace {

QByteArray encode(const QImage &image, int quality)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return buffer.buffer();
}

// An APP1 Exif segment laid out as cameras write it: IFD0 with the
// orientation (1, as stored) and the Exif sub-IFD's offset; the Exif sub-IFD
// with the version and pixel size (no capture date, so the scan reads the
// photo as before); IFD1 with the thumbnail's compression (6, JPEG), offset
// and length; then the thumbnail's bytes. Offsets count from the TIFF header.
QByteArray exifSegment(const QByteArray &thumbnail, const QSize &size, bool littleEndian)
{
    QByteArray tiff;
    const auto u16 = [&](quint32 v) {
        const char lo = char(v & 0xFF), hi = char((v >> 8) & 0xFF);
        tiff.append(littleEndian ? lo : hi).append(littleEndian ? hi : lo);
    };
    const auto u32 = [&](quint32 v) {
        u16(littleEndian ? v & 0xFFFF : v >> 16);
        u16(littleEndian ? v >> 16 : v & 0xFFFF);
    };
    // One 12-byte directory entry of one value, a SHORT or a LONG.
    const auto entry = [&](quint16 tag, quint16 type, quint32 value) {
        u16(tag);
        u16(type);
        u32(1);
        if (type == 3) {
            u16(value);
            u16(0);
        } else {
            u32(value);
        }
    };
    const auto ifdBytes = [](quint32 entries) { return 2 + 12 * entries + 4; };
    const quint32 exifIfd = 8 + ifdBytes(2);
    const quint32 ifd1 = exifIfd + ifdBytes(3);
    const quint32 data = ifd1 + ifdBytes(3);
    tiff.append(littleEndian ? "II" : "MM");
    u16(42);
    u32(8);
    u16(2);
    entry(0x0112, 3, 1);       // Orientation
    entry(0x8769, 4, exifIfd); // ExifIFDPointer
    u32(ifd1);
    u16(3);
    u16(0x9000); // ExifVersion: four bytes in the entry, in any byte order
    u16(7);
    u32(4);
    tiff.append("0232", 4);
    entry(0xA002, 4, quint32(size.width()));  // PixelXDimension
    entry(0xA003, 4, quint32(size.height())); // PixelYDimension
    u32(0);
    u16(3);
    entry(0x0103, 3, 6);                         // Compression: JPEG
    entry(0x0201, 4, data);                      // JPEGInterchangeFormat
    entry(0x0202, 4, quint32(thumbnail.size())); // JPEGInterchangeFormatLength
    u32(0);
    tiff += thumbnail;
    const QByteArray body = QByteArray("Exif\0\0", 6) + tiff;
    const int length = int(body.size()) + 2;
    QByteArray segment("\xFF\xE1", 2);
    segment.append(char(length >> 8)).append(char(length & 0xFF));
    return segment + body;
}

// The photo with its Exif segment after the JFIF one Qt writes (JFIF wants
// to follow the start of the image directly).
QByteArray withExif(const QByteArray &jpeg, const QByteArray &thumbnail, const QSize &size,
                    bool littleEndian)
{
    qsizetype at = 2;
    if (jpeg.size() > 6 && uchar(jpeg[2]) == 0xFF && uchar(jpeg[3]) == 0xE0)
        at = 4 + ((uchar(jpeg[4]) << 8) | uchar(jpeg[5]));
    QByteArray out = jpeg;
    out.insert(at, exifSegment(thumbnail, size, littleEndian));
    return out;
}

} // namespace

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
        const QImage big =
            in.scaled(4032, 3024, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation)
                .copy(0, 0, 4032, 3024);
        for (int k = 0; k < copies; ++k) {
            const QImage variant = (k % 2) ? big.mirrored(true, false) : big;
            const QString out = QDir(args[2]).filePath(
                QStringLiteral("%1-%2.jpg").arg(QFileInfo(name).baseName()).arg(k));
            const QByteArray thumbnail =
                encode(variant.scaled(160, 120, Qt::KeepAspectRatio, Qt::SmoothTransformation), 75);
            const QByteArray photo =
                withExif(encode(variant, 88 + k), thumbnail, variant.size(), k % 2 == 1);
            QFile file(out);
            if (file.open(QIODevice::WriteOnly) && file.write(photo) == photo.size())
                ++made;
        }
    }
    std::printf("%d photos of 4032x3024 in %s\n", made, qPrintable(args[2]));
    return made > 0 ? 0 : 1;
}
