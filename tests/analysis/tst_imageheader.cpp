// ImageHeader: the format, stored size and EXIF orientation read from a file's
// first bytes, for every format a scan picks up, and never a read outside the
// buffer on garbage.

#include "analysis/imageheader.h"
#include "testsupport.h"

#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>
#include <cstring>
#include <memory>

using namespace facefolio;
using Format = ImageHeader::Format;

namespace {

ImageHeader parse(const QByteArray &bytes)
{
    // A heap copy of exactly the given length, so that a read past its end is
    // a real out-of-bounds read (caught by the sanitizer build).
    std::unique_ptr<uint8_t[]> copy(new uint8_t[size_t(std::max<qsizetype>(bytes.size(), 1))]);
    std::memcpy(copy.get(), bytes.constData(), size_t(bytes.size()));
    return ImageHeader::parse(copy.get(), size_t(bytes.size()));
}

// Four coloured quadrants, so an orientation mistake is visible in the pixels.
QImage quadrants(int w, int h)
{
    QImage img(w, h, QImage::Format_RGB32);
    QPainter p(&img);
    p.fillRect(0, 0, w / 2, h / 2, Qt::red);
    p.fillRect(w / 2, 0, w - w / 2, h / 2, Qt::green);
    p.fillRect(0, h / 2, w / 2, h - h / 2, Qt::blue);
    p.fillRect(w / 2, h / 2, w - w / 2, h - h / 2, Qt::yellow);
    return img;
}

void appendLe16(QByteArray &b, quint32 v)
{
    b.append(char(v & 0xff)).append(char((v >> 8) & 0xff));
}
void appendLe24(QByteArray &b, quint32 v)
{
    appendLe16(b, v & 0xffff);
    b.append(char((v >> 16) & 0xff));
}
void appendLe32(QByteArray &b, quint32 v)
{
    appendLe16(b, v & 0xffff);
    appendLe16(b, v >> 16);
}

QByteArray riff(const QByteArray &chunkType, const QByteArray &payload)
{
    QByteArray chunk = chunkType;
    appendLe32(chunk, quint32(payload.size()));
    chunk += payload;
    QByteArray out("RIFF");
    appendLe32(out, quint32(4 + chunk.size()));
    return out + "WEBP" + chunk;
}

} // namespace

class TestImageHeader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The capture date: IFD0 points to the Exif sub-IFD, which holds
    // DateTimeOriginal; a pointer that loops or leaves the buffer, or a date
    // of zeros, gives no date and no crash.
    void captureDateFromTheExifSubIfd()
    {
        const auto jpegWith = [](const char *date, quint32 exifPointer) {
            QByteArray t("II*\0", 4);
            const auto u16 = [&t](quint16 v) { t.append(char(v & 0xff)).append(char(v >> 8)); };
            const auto u32 = [&](quint32 v) {
                u16(quint16(v & 0xffff));
                u16(quint16(v >> 16));
            };
            u32(8);                                      // IFD0 at 8
            u16(2);                                      // two entries
            u16(0x0112), u16(3), u32(1), u16(6), u16(0); // orientation 6
            u16(0x8769), u16(4), u32(1), u32(exifPointer);
            u32(0); // no next IFD; now at 38
            u16(1); // Exif IFD: one entry
            u16(0x9003), u16(2), u32(20), u32(56);
            u32(0); // now at 56
            t.append(date, 19).append('\0');
            QByteArray jpeg("\xff\xd8\xff\xe1", 4);
            const int len = 2 + 6 + int(t.size());
            jpeg.append(char(len >> 8)).append(char(len & 0xff));
            jpeg.append(QByteArray("Exif\0\0", 6)).append(t).append("\xff\xd9", 2);
            return jpeg;
        };
        const auto parse = [](const QByteArray &b) {
            return ImageHeader::parse(reinterpret_cast<const uint8_t *>(b.constData()),
                                      size_t(b.size()));
        };
        ImageHeader h = parse(jpegWith("2004:07:15 10:30:00", 38));
        QCOMPARE(h.orientation, 6);
        QCOMPARE(QByteArray(h.taken), QByteArray("2004:07:15 10:30:00"));
        QCOMPARE(QByteArray(parse(jpegWith("0000:00:00 00:00:00", 38)).taken), QByteArray());
        QCOMPARE(QByteArray(parse(jpegWith("2004-07-15 10:30:00", 38)).taken), QByteArray());
        QCOMPARE(QByteArray(parse(jpegWith("2004:07:15 10:30:00", 8)).taken), QByteArray());
        QCOMPARE(QByteArray(parse(jpegWith("2004:07:15 10:30:00", 0xfffffff0)).taken),
                 QByteArray());
        QCOMPARE(parse(jpegWith("2004:07:15 10:30:00", 0xfffffff0)).orientation, 6);
    }

    void formatsWrittenByQt_data();
    void formatsWrittenByQt();
    void webpHandMade_data();
    void webpHandMade();
    void tiffHandMade();
    void gifHandMade();
    void bmpTopDown();
    void heifBrand();
    void exifOrientation_data();
    void exifOrientation();
    void exifFixtureMatchesQtsReading_data();
    void exifFixtureMatchesQtsReading();
    void exifWithThumbnail();
    void exifThumbnailOffsetsAreChecked();
    void exifEdgeCases();
    void garbageNeverCrashes();
    void truncatedPrefixesNeverCrash();
    void hugePngHeaderIsReadAsClaimed();
};

void TestImageHeader::formatsWrittenByQt_data()
{
    QTest::addColumn<QByteArray>("qtFormat");
    QTest::addColumn<int>("format");
    QTest::newRow("jpeg") << QByteArray("jpeg") << int(Format::Jpeg);
    QTest::newRow("png") << QByteArray("png") << int(Format::Png);
    QTest::newRow("bmp") << QByteArray("bmp") << int(Format::Bmp);
    QTest::newRow("tiff") << QByteArray("tiff") << int(Format::Tiff);
    QTest::newRow("webp") << QByteArray("webp") << int(Format::WebP);
}

void TestImageHeader::formatsWrittenByQt()
{
    QFETCH(QByteArray, qtFormat);
    QFETCH(int, format);
    if (!QImageWriter::supportedImageFormats().contains(qtFormat))
        QSKIP("Qt cannot write this format here; webpHandMade/tiffHandMade cover it");
    for (const QSize size : {QSize(1, 1), QSize(37, 211), QSize(640, 480), QSize(3000, 17)}) {
        const QByteArray bytes = test::encode(quadrants(size.width(), size.height()), qtFormat);
        QVERIFY2(!bytes.isEmpty(), "Qt wrote nothing");
        const ImageHeader h = parse(bytes);
        QCOMPARE(int(h.format), format);
        QCOMPARE(h.width, size.width());
        QCOMPARE(h.height, size.height());
        QCOMPARE(h.orientation, 1);
        QCOMPARE(h.displayWidth(), size.width());
    }
}

void TestImageHeader::webpHandMade_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");

    // Lossy: frame tag, start code 9d 01 2a, then 14-bit width and height.
    QByteArray vp8("\x30\x01\x00\x9d\x01\x2a", 6);
    appendLe16(vp8, 1234);
    appendLe16(vp8, 567 | (1 << 14)); // the top two bits are a scale, not size
    vp8 += QByteArray(10, '\0');
    QTest::newRow("VP8 lossy") << riff("VP8 ", vp8) << 1234 << 567;

    // Lossless: signature 0x2f, then 14 bits each of width-1 and height-1.
    QByteArray vp8l("\x2f", 1);
    appendLe32(vp8l, (16383u - 1) | ((9u - 1) << 14));
    vp8l += QByteArray(10, '\0');
    QTest::newRow("VP8L lossless") << riff("VP8L", vp8l) << 16383 << 9;

    // Extended: flags, 3 reserved bytes, then 24-bit width-1 and height-1.
    QByteArray vp8x(4, '\0');
    appendLe24(vp8x, 4000 - 1);
    appendLe24(vp8x, 3000 - 1);
    QTest::newRow("VP8X extended") << riff("VP8X", vp8x) << 4000 << 3000;

    QByteArray hugeX(4, '\0');
    appendLe24(hugeX, 0xffffff);
    appendLe24(hugeX, 0xffffff);
    QTest::newRow("VP8X 16M x 16M") << riff("VP8X", hugeX) << (1 << 24) << (1 << 24);
}

void TestImageHeader::webpHandMade()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, width);
    QFETCH(int, height);
    const ImageHeader h = parse(bytes);
    QCOMPARE(int(h.format), int(Format::WebP));
    QCOMPARE(h.width, width);
    QCOMPARE(h.height, height);
}

void TestImageHeader::tiffHandMade()
{
    // Little-endian TIFF: width as SHORT, height as LONG, orientation 6.
    QByteArray le("II*\0", 4);
    appendLe32(le, 8);
    appendLe16(le, 3);
    auto entry = [&](quint16 tag, quint16 type, quint32 value) {
        appendLe16(le, tag);
        appendLe16(le, type);
        appendLe32(le, 1);
        appendLe32(le, value);
    };
    entry(256, 3, 800);
    entry(257, 4, 70000);
    entry(0x0112, 3, 6);
    appendLe32(le, 0);
    ImageHeader h = parse(le);
    QCOMPARE(int(h.format), int(Format::Tiff));
    QCOMPARE(h.width, 800);
    QCOMPARE(h.height, 70000);
    QCOMPARE(h.orientation, 6);
    QCOMPARE(h.displayWidth(), 70000);
    QCOMPARE(h.displayHeight(), 800);

    // An IFD offset pointing past the end, and an entry count larger than
    // the data: no size, no crash.
    QByteArray bad("MM\0*\x7f\xff\xff\xff", 8);
    bad += QByteArray(8, '\0');
    h = parse(bad);
    QCOMPARE(int(h.format), int(Format::Tiff));
    QCOMPARE(h.width, 0);
    QByteArray many("II*\0\x08\0\0\0\xff\xff", 10);
    many += QByteArray(20, '\x01');
    h = parse(many);
    QCOMPARE(int(h.format), int(Format::Tiff));
}

void TestImageHeader::gifHandMade()
{
    // Qt reads GIF but cannot write it: header, logical screen size, a
    // 2-colour table and a 1×1 image.
    for (const char *version : {"GIF87a", "GIF89a"}) {
        QByteArray gif(version);
        appendLe16(gif, 500);
        appendLe16(gif, 65535);
        gif += QByteArray("\x80\0\0"
                          "\0\0\0\xff\xff\xff"
                          ",\0\0\0\0\x01\0\x01\0\0"
                          "\x02\x02\x44\x01\0;",
                          25);
        const ImageHeader h = parse(gif);
        QCOMPARE(int(h.format), int(Format::Gif));
        QCOMPARE(h.width, 500);
        QCOMPARE(h.height, 65535);
    }
    QCOMPARE(int(parse(QByteArray("GIF88a\x01\0\x01\0\0\0\0\0", 14)).format), int(Format::Unknown));
}

void TestImageHeader::bmpTopDown()
{
    // A BMP stored top-down has a negative height; the size is still positive.
    QByteArray bmp = test::encode(quadrants(33, 44), "bmp");
    QCOMPARE(int(parse(bmp).format), int(Format::Bmp));
    const qint32 negative = -44;
    std::memcpy(bmp.data() + 22, &negative, 4);
    const ImageHeader h = parse(bmp);
    QCOMPARE(h.width, 33);
    QCOMPARE(h.height, 44);
}

void TestImageHeader::heifBrand()
{
    for (const char *brand : {"heic", "mif1", "avif"}) {
        QByteArray b("\0\0\0\x18"
                     "ftyp",
                     8);
        b += brand;
        b += QByteArray(12, '\0');
        QCOMPARE(int(parse(b).format), int(Format::Heif));
    }
    QByteArray mp4("\0\0\0\x18"
                   "ftypisom",
                   12);
    mp4 += QByteArray(12, '\0');
    QCOMPARE(int(parse(mp4).format), int(Format::Unknown));
}

void TestImageHeader::exifOrientation_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<bool>("littleEndian");
    for (int o = 1; o <= 8; ++o) {
        QTest::addRow("%d big-endian", o) << o << false;
        QTest::addRow("%d little-endian", o) << o << true;
    }
}

void TestImageHeader::exifOrientation()
{
    QFETCH(int, orientation);
    QFETCH(bool, littleEndian);
    const QByteArray jpeg = test::encode(quadrants(320, 200), "jpeg");
    const ImageHeader h = parse(test::withExifOrientation(jpeg, orientation, littleEndian));
    QCOMPARE(int(h.format), int(Format::Jpeg));
    QCOMPARE(h.orientation, orientation);
    QCOMPARE(h.width, 320); // as stored
    QCOMPARE(h.height, 200);
    const bool swaps = orientation >= 5;
    QCOMPARE(h.swapsAxes(), swaps);
    QCOMPARE(h.displayWidth(), swaps ? 200 : 320);
    QCOMPARE(h.displayHeight(), swaps ? 320 : 200);
}

void TestImageHeader::exifFixtureMatchesQtsReading_data()
{
    QTest::addColumn<int>("orientation");
    for (int o = 1; o <= 8; ++o)
        QTest::addRow("%d", o) << o;
}

void TestImageHeader::exifFixtureMatchesQtsReading()
{
    // The fixture the analyzer tests rely on: pixels stored turned, plus the
    // Exif tag, must look like the original in an independent EXIF reader.
    QFETCH(int, orientation);
    const QImage display = quadrants(160, 96);
    QByteArray jpeg = test::orientedJpeg(display, orientation);
    QBuffer buffer(&jpeg);
    QImageReader reader(&buffer, "jpeg");
    reader.setAutoTransform(true);
    const QImage seen = reader.read();
    QCOMPARE(seen.size(), display.size());
    for (const QPoint p : {QPoint(40, 24), QPoint(120, 24), QPoint(40, 72), QPoint(120, 72)}) {
        const QColor want = display.pixelColor(p), got = seen.pixelColor(p);
        QVERIFY2(qAbs(want.red() - got.red()) < 40 && qAbs(want.green() - got.green()) < 40 &&
                     qAbs(want.blue() - got.blue()) < 40,
                 qPrintable(QStringLiteral("at %1,%2: %3 vs %4")
                                .arg(p.x())
                                .arg(p.y())
                                .arg(want.name(), got.name())));
    }
}

void TestImageHeader::exifWithThumbnail()
{
    // A camera JPEG: the Exif segment embeds a thumbnail with its own SOF;
    // the size must be the main image's, not the thumbnail's.
    const QByteArray thumb = test::encode(quadrants(160, 120), "jpeg");
    for (bool le : {false, true}) {
        const QByteArray jpeg =
            test::withExifOrientation(test::encode(quadrants(1200, 900), "jpeg"), 8, le, thumb);
        const ImageHeader h = parse(jpeg);
        QCOMPARE(int(h.format), int(Format::Jpeg));
        QCOMPARE(h.orientation, 8);
        QCOMPARE(h.width, 1200);
        QCOMPARE(h.height, 900);
        QCOMPARE(h.displayWidth(), 900);
        // The thumbnail's bytes, found through IFD1, exactly.
        QVERIFY(h.thumbnailLength > 0);
        QCOMPARE(jpeg.mid(qsizetype(h.thumbnailOffset), qsizetype(h.thumbnailLength)), thumb);
    }
    // Without one, none is claimed.
    const ImageHeader plain =
        parse(test::withExifOrientation(test::encode(quadrants(1200, 900), "jpeg"), 8));
    QCOMPARE(plain.thumbnailOffset, size_t(0));
    QCOMPARE(plain.thumbnailLength, size_t(0));
}

void TestImageHeader::exifThumbnailOffsetsAreChecked()
{
    // test::exifSegment's layout, from the TIFF header: IFD0's next-IFD
    // pointer at 22, IFD1 at 26 with JPEGInterchangeFormat's value at 36 and
    // its length's at 48, the thumbnail at 56.
    const QByteArray thumb = test::encode(quadrants(160, 120), "jpeg");
    const QByteArray photo = test::encode(quadrants(400, 300), "jpeg");
    for (bool le : {false, true}) {
        const QByteArray good = test::withExifOrientation(photo, 1, le, thumb);
        const qsizetype tiff = good.indexOf(QByteArray("Exif\0\0", 6)) + 6;
        const auto patched = [&](qsizetype at, quint32 v) {
            QByteArray b = good;
            for (int k = 0; k < 4; ++k)
                b[tiff + at + k] = char(v >> (le ? 8 * k : 24 - 8 * k));
            return b;
        };
        const qsizetype segmentEnd = tiff + 56 + thumb.size();
        const struct
        {
            const char *what;
            QByteArray bytes;
        } hostile[] = {
            {"offset past the segment", patched(36, quint32(56 + thumb.size() + 10))},
            {"length past the segment", patched(48, quint32(thumb.size() + 1))},
            {"offset and length wrapping around", patched(36, 0xFFFFFFF0u)},
            {"huge length", patched(48, 0xFFFFFFFFu)},
            {"offset into the directory, not a JPEG", patched(36, 26)},
            {"zero length", patched(48, 0)},
            {"IFD1 far outside", patched(22, 0x7FFFFFF0u)},
            {"IFD1 is IFD0", patched(22, 8)},
            {"segment cut before the thumbnail ends", good.left(segmentEnd - 10)},
        };
        for (const auto &h : hostile) {
            const ImageHeader header = parse(h.bytes);
            QVERIFY2(header.thumbnailLength == 0, h.what);
            QCOMPARE(header.thumbnailOffset, size_t(0));
            QCOMPARE(int(header.format), int(Format::Jpeg));
        }
        // Every prefix of the file: a thumbnail only once it is whole.
        for (qsizetype n = 0; n <= segmentEnd + 4; ++n) {
            const ImageHeader h = parse(good.left(n));
            QVERIFY(h.thumbnailLength == 0 || h.thumbnailOffset + h.thumbnailLength <= size_t(n));
        }
    }
}

void TestImageHeader::exifEdgeCases()
{
    const QByteArray jpeg = test::encode(quadrants(64, 48), "jpeg");
    // Out-of-range orientation values are ignored.
    for (int bogus : {0, 9, 255}) {
        const ImageHeader h = parse(test::withExifOrientation(jpeg, bogus));
        QCOMPARE(h.orientation, 1);
        QCOMPARE(h.width, 64);
    }
    // An Exif segment whose IFD offset points far outside it.
    QByteArray seg = test::exifSegment(6);
    seg[10 + 4] = '\x7f'; // first byte of the big-endian IFD offset
    QByteArray broken = jpeg;
    broken.insert(2, seg);
    ImageHeader h = parse(broken);
    QCOMPARE(int(h.format), int(Format::Jpeg));
    QCOMPARE(h.orientation, 1);
    QCOMPARE(h.width, 64);
    // A segment length running past the end of the file.
    QByteArray overlong = jpeg.left(2) + QByteArray("\xFF\xE1\xFF\xF0"
                                                    "Exif\0\0MM\0*",
                                                    14);
    overlong += QByteArray(40, '\0');
    h = parse(overlong);
    QCOMPARE(int(h.format), int(Format::Jpeg));
    QCOMPARE(h.width, 0);
}

void TestImageHeader::garbageNeverCrashes()
{
    QCOMPARE(int(ImageHeader::parse(nullptr, 0).format), int(Format::Unknown));
    QCOMPARE(int(ImageHeader::parse(nullptr, 100).format), int(Format::Unknown));
    QCOMPARE(int(parse(QByteArray()).format), int(Format::Unknown));
    QCOMPARE(int(parse(QByteArray("hello")).format), int(Format::Unknown));
    QCOMPARE(int(parse(QByteArray("This is plain text, not an image at all.\n")).format),
             int(Format::Unknown));
    QCOMPARE(int(parse(QByteArray(4096, '\0')).format), int(Format::Unknown));
    QCOMPARE(ImageHeader().orientation, 1);

    QRandomGenerator rng(20240611);
    for (int i = 0; i < 2000; ++i) {
        QByteArray bytes(int(rng.bounded(1, 512)), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        // Half of them get a real magic number in front, so the format
        // parsers, not just the sniffing, see the garbage.
        static const QByteArray magics[] = {QByteArray("\xFF\xD8\xFF", 3),
                                            QByteArray("\x89PNG\r\n\x1a\n", 8),
                                            QByteArray("GIF89a"),
                                            QByteArray("BM"),
                                            QByteArray("II*\0", 4),
                                            QByteArray("MM\0*", 4),
                                            QByteArray("RIFF\0\0\0\0WEBPVP8X", 16)};
        if (i % 2)
            bytes.replace(0, 0, magics[i % std::size(magics)]);
        const ImageHeader h = parse(bytes);
        QVERIFY(h.width >= 0 && h.height >= 0);
        QVERIFY(h.orientation >= 1 && h.orientation <= 8);
    }
}

void TestImageHeader::truncatedPrefixesNeverCrash()
{
    const QByteArray jpeg = test::withExifOrientation(test::encode(quadrants(50, 40), "jpeg"), 8);
    const QByteArray png = test::encode(quadrants(50, 40), "png");
    for (const QByteArray &full : {jpeg, png}) {
        for (qsizetype n = 0; n < std::min<qsizetype>(full.size(), 400); ++n) {
            const ImageHeader h = parse(full.left(n));
            QVERIFY(h.width == 0 || h.width == 50);
            if (n < 12)
                QCOMPARE(int(h.format), int(Format::Unknown));
        }
    }
}

void TestImageHeader::hugePngHeaderIsReadAsClaimed()
{
    const ImageHeader h = parse(test::pngClaiming(100000, 100000));
    QCOMPARE(int(h.format), int(Format::Png));
    QCOMPARE(h.width, 100000);
    QCOMPARE(h.height, 100000);
    QCOMPARE(qint64(h.width) * h.height, qint64(10'000'000'000));
}

QTEST_GUILESS_MAIN(TestImageHeader)
#include "tst_imageheader.moc"
