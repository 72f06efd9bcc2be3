// Files and folders a decades-old library really holds, made by the test:
// animated GIFs, hostile EXIF, 1×1 images, 255-byte and non-UTF-8 names,
// symlink loops, a directory named like a photo, files that vanish or change
// while the scan runs. Each is recorded (analysed, or failed with a reason)
// and the scan goes on. Also: a scan gives back every file handle it opened.
// Broken decoder inputs (truncated, random, huge claims, CMYK, 16-bit, alpha)
// are in tst_faceanalyzer and tst_scanner.

#include "catalog/catalog.h"
#include "scan/scanner.h"
#include "testsupport.h"

#include <QColorSpace>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>
#include <fcntl.h>
#include <unistd.h>

using namespace facefolio;

namespace {

/// A two-frame animated GIF (1×1 each, looping), built byte by byte.
QByteArray animatedGif()
{
    QByteArray g("GIF89a", 6);
    g += QByteArray::fromHex("01000100"
                             "80"
                             "0000"); // 1×1, 2-colour global table
    g += QByteArray::fromHex("000000"
                             "ffffff");
    g += QByteArray::fromHex("21ff0b") + "NETSCAPE2.0" +
         QByteArray::fromHex("03010000"
                             "00");
    for (int frame = 0; frame < 2; ++frame) {
        g += QByteArray::fromHex("21f904"
                                 "000a00"
                                 "00"
                                 "00"); // 0.1 s per frame
        g += QByteArray::fromHex("2c"
                                 "00000000"
                                 "01000100"
                                 "00");
        g += QByteArray::fromHex(frame == 0 ? "02024401"
                                              "00"
                                            : "02024c01"
                                              "00");
    }
    g += ';';
    return g;
}

QByteArray le(quint32 v, int bytes)
{
    QByteArray b;
    for (int i = 0; i < bytes; ++i)
        b.append(char((v >> (8 * i)) & 0xff));
    return b;
}

QByteArray riffChunk(const char *fourcc, const QByteArray &data)
{
    QByteArray c = QByteArray(fourcc, 4) + le(quint32(data.size()), 4) + data;
    if (data.size() % 2)
        c.append('\0');
    return c;
}

/// A two-frame animated WebP (VP8X + ANIM + two ANMF frames) wrapped around
/// the image chunk of a still WebP Qt wrote; empty when Qt cannot write WebP.
QByteArray animatedWebp(const QImage &frame)
{
    const QByteArray still = test::encode(frame, "WEBP", 100);
    if (still.size() < 20 || !still.startsWith("RIFF"))
        return {};
    QByteArray image; // the VP8 or VP8L chunk, header included
    for (qsizetype at = 12; at + 8 <= still.size();) {
        const quint32 len = quint32(uchar(still[at + 4])) | quint32(uchar(still[at + 5])) << 8 |
                            quint32(uchar(still[at + 6])) << 16 |
                            quint32(uchar(still[at + 7])) << 24;
        const QByteArray fourcc = still.mid(at, 4);
        if (fourcc == "VP8 " || fourcc == "VP8L")
            image = still.mid(at, 8 + len + (len % 2));
        at += 8 + len + (len % 2);
    }
    if (image.isEmpty())
        return {};
    const quint32 w = quint32(frame.width() - 1), h = quint32(frame.height() - 1);
    QByteArray body("WEBP", 4);
    body += riffChunk("VP8X", le(0x02, 4) + le(w, 3) + le(h, 3)); // animation flag
    body += riffChunk("ANIM", le(0xffffffff, 4) + le(0, 2));      // background, loop forever
    for (int i = 0; i < 2; ++i)
        body += riffChunk("ANMF", le(0, 3) + le(0, 3) + le(w, 3) + le(h, 3) + le(100, 3) +
                                      QByteArray(1, '\0') + image);
    return QByteArray("RIFF", 4) + le(quint32(body.size()), 4) + body;
}

/// A big-endian TIFF (as an Exif APP1 segment) from raw IFD bytes after the header.
QByteArray exifApp1(const QByteArray &tiffAfterHeader, quint32 ifd0Offset = 8)
{
    QByteArray tiff("MM\0\x2a", 4);
    test::appendBe32(tiff, ifd0Offset);
    tiff += tiffAfterHeader;
    const QByteArray body = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray seg("\xFF\xE1", 2);
    const int len = int(body.size()) + 2;
    seg.append(char(len >> 8)).append(char(len & 0xff));
    return seg + body;
}

QByteArray be16(quint16 v)
{
    QByteArray b;
    b.append(char(v >> 8)).append(char(v & 0xff));
    return b;
}

QByteArray be32(quint32 v)
{
    QByteArray b;
    test::appendBe32(b, v);
    return b;
}

QByteArray ifdEntry(quint16 tag, quint16 type, quint32 count, quint32 value)
{
    return be16(tag) + be16(type) + be32(count) + be32(value);
}

QByteArray insertAfterSoi(const QByteArray &jpeg, const QByteArray &segment)
{
    QByteArray out = jpeg;
    out.insert(2, segment);
    return out;
}

int openFileDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
}

} // namespace

class TestHostileFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostileLibraryIsScannedToTheEnd();
    void filesChangingDuringTheScan();
    void unreadableFileIsRecorded();
    void scanReleasesEveryFileHandle();
    void cleanupTestCase();

private:
    ScanSummary scan(const QString &folder, const QString &catalog,
                     std::function<void(const ScanProgress &)> progress = {}) const;

    std::shared_ptr<const FaceModels> m_models;
    QString m_samples;
    QTemporaryDir m_tmp;
    QByteArray m_rawName; ///< a path Qt cannot name, so QTemporaryDir cannot remove it
};

void TestHostileFiles::initTestCase()
{
    if (const QString why = test::loadModelsAndSamples(m_models, m_samples); !why.isEmpty())
        QFAIL(qPrintable(why));
    QVERIFY(m_tmp.isValid());
}

ScanSummary TestHostileFiles::scan(const QString &folder, const QString &catalog,
                                   std::function<void(const ScanProgress &)> progress) const
{
    ScanOptions o;
    o.folders = {folder};
    o.catalogPath = catalog;
    o.threads = 2;
    o.onProgress = std::move(progress);
    return Scanner::run(o, m_models);
}

void TestHostileFiles::hostileLibraryIsScannedToTheEnd()
{
    const QString lib = m_tmp.filePath(QStringLiteral("hostile"));
    QVERIFY(QDir().mkpath(lib + QStringLiteral("/deep")));
    const QByteArray sample = test::readFile(m_samples + QStringLiteral("/sample2.jpg"));
    QVERIFY(!sample.isEmpty());
    QHash<QString, QByteArray> files;

    files.insert(QStringLiteral("animated.gif"), animatedGif());
    {
        QImage frame(64, 48, QImage::Format_RGB32);
        frame.fill(Qt::darkCyan);
        const QByteArray webp = animatedWebp(frame);
        if (!webp.isEmpty())
            files.insert(QStringLiteral("animated.webp"), webp);
    }
    const QImage one = [] {
        QImage i(1, 1, QImage::Format_RGB32);
        i.fill(Qt::red);
        return i;
    }();
    for (const char *format : {"png", "jpg", "bmp", "tif", "webp", "gif"}) {
        const QByteArray bytes = test::encode(one, QByteArray(format).toUpper().constData());
        if (!bytes.isEmpty()) // Qt may lack a writer (GIF): the hand-made GIF covers it
            files.insert(QStringLiteral("one-pixel.%1").arg(QLatin1String(format)), bytes);
    }
    // Hostile EXIF in front of a good photo: offsets past the end, an IFD
    // that links to itself, counts of billions, a sub-IFD pointing at IFD0.
    files.insert(QStringLiteral("exif-offset-past-end.jpg"),
                 insertAfterSoi(sample, exifApp1({}, 0x7fffffff)));
    files.insert(
        QStringLiteral("exif-ifd-loop.jpg"),
        insertAfterSoi(sample, exifApp1(be16(1) + ifdEntry(0x0112, 3, 1, 0x00010000) + be32(8))));
    files.insert(QStringLiteral("exif-huge-count.jpg"),
                 insertAfterSoi(sample, exifApp1(be16(2) + ifdEntry(0x010f, 2, 0xfffffff0, 40) +
                                                 ifdEntry(0x0112, 3, 0x40000000, 26) + be32(0))));
    files.insert(QStringLiteral("exif-subifd-loop.jpg"),
                 insertAfterSoi(sample, exifApp1(be16(2) + ifdEntry(0x8769, 4, 1, 8) +
                                                 ifdEntry(0x8825, 4, 1, 0xfffffff0) + be32(8))));
    files.insert(QStringLiteral("exif-entries-past-end.jpg"),
                 insertAfterSoi(sample, exifApp1(be16(0xffff) + ifdEntry(0x0112, 3, 1, 0))));
    files.insert(QStringLiteral("exif-truncated.jpg"),
                 insertAfterSoi(sample, QByteArray("\xFF\xE1\x00\x0a"
                                                   "Exif\0\0MM",
                                                   10)));
    // The longest name a Linux file system takes (255 bytes, with multi-byte letters).
    const QString longName = QString(123, QChar(0x00e5)) + QStringLiteral("-long.jpg");
    QCOMPARE(longName.toUtf8().size(), 255);
    files.insert(longName, sample);
    files.insert(QStringLiteral("empty.jpg"), {});
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        QVERIFY2(test::writeFile(lib + u'/' + it.key(), it.value()), qPrintable(it.key()));

    // A name that is not UTF-8 at all (0xFF bytes), as old FAT disks leave them.
    m_rawName = QFile::encodeName(lib) + "/raw-\xff\xfe-name.jpg";
    const int fd = ::open(m_rawName.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, sample.constData(), size_t(sample.size())), ssize_t(sample.size()));
    ::close(fd);
    // A folder named like a photo, with a photo in it; and symlink loops.
    QVERIFY(QDir().mkpath(lib + QStringLiteral("/folder.jpg")));
    QVERIFY(QFile::copy(m_samples + QStringLiteral("/sample4.jpg"),
                        lib + QStringLiteral("/folder.jpg/inside.jpg")));
    QVERIFY(QFile::link(lib, lib + QStringLiteral("/deep/back-to-top")));
    QVERIFY(QFile::link(QStringLiteral(".."), lib + QStringLiteral("/deep/parent")));
    QVERIFY(QFile::link(lib + QStringLiteral("/loop-b.jpg"), lib + QStringLiteral("/loop-a.jpg")));
    QVERIFY(QFile::link(lib + QStringLiteral("/loop-a.jpg"), lib + QStringLiteral("/loop-b.jpg")));

    const QString catalogPath = m_tmp.filePath(QStringLiteral("hostile.sqlite"));
    const ScanSummary s = scan(lib, catalogPath);
    QVERIFY2(s.ok, qPrintable(s.error));
    QVERIFY(!s.cancelled);

    Catalog c(catalogPath);
    QVERIFY(c.open());
    QHash<QString, std::pair<PhotoRecord, int>> byName;
    for (const auto &row : c.photosWithFaceCounts())
        byName.insert(QFileInfo(row.first.path).fileName(), row);
    // Every regular file was looked at exactly once, symlink loops did not
    // multiply it, and each is either analysed or failed with a reason.
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QVERIFY2(byName.contains(it.key()), qPrintable(it.key() + QStringLiteral(" not recorded")));
        const PhotoRecord &p = byName.value(it.key()).first;
        QVERIFY2(p.state == PhotoState::Done || !p.error.isEmpty(), qPrintable(it.key()));
    }
    QVERIFY(byName.contains(QStringLiteral("inside.jpg")));
    QCOMPARE(byName.value(QStringLiteral("inside.jpg")).second, test::frontalFaces("sample4.jpg"));
    QVERIFY2(!byName.value(QStringLiteral("empty.jpg")).first.error.isEmpty(), "empty file");
    // Broken EXIF does not cost the photo: its face is found as without EXIF.
    for (const QString &name : files.keys())
        if (name.startsWith(QLatin1String("exif-")) || name == longName)
            QVERIFY2(byName.value(name).second == test::frontalFaces("sample2.jpg"),
                     qPrintable(name));
    // Qt cannot name a non-UTF-8 file, so it is not scanned, but it is
    // reported with its bytes rather than silently left out.
    QVERIFY2(std::any_of(s.failureReasons.cbegin(), s.failureReasons.cend(),
                         [](const QString &r) {
                             return r.contains(QLatin1String("raw-")) &&
                                    r.contains(QLatin1String("not valid UTF-8")) &&
                                    r.contains(QLatin1String("ff fe"));
                         }),
             qPrintable(s.failureReasons.join(u'\n')));
    for (const auto &row : c.photosWithFaceCounts())
        QVERIFY2(!row.first.path.contains(QLatin1String("back-to-top")) &&
                     !row.first.path.contains(QLatin1String("/parent/")),
                 qPrintable(row.first.path));

    // Nothing is analysed again on a rescan, hostile or not.
    const ScanSummary again = scan(lib, catalogPath);
    QVERIFY(again.ok);
    QCOMPARE(again.analysed, 0);
}

void TestHostileFiles::filesChangingDuringTheScan()
{
    const QString lib = m_tmp.filePath(QStringLiteral("changing"));
    QVERIFY(QDir().mkpath(lib));
    const QImage image =
        QImage(m_samples + QStringLiteral("/sample2.jpg")).convertToFormat(QImage::Format_RGB32);
    for (int i = 0; i < 16; ++i)
        QVERIFY(test::writeFile(lib + QStringLiteral("/p%1.jpg").arg(i, 2, 10, QLatin1Char('0')),
                                test::encode(image, "JPEG", 60 + i)));
    // On the first progress report, delete one photo not yet finished and
    // replace another with garbage: whichever a worker already holds.
    QStringList touched;
    const ScanSummary s =
        scan(lib, m_tmp.filePath(QStringLiteral("changing.sqlite")), [&](const ScanProgress &) {
            if (!touched.isEmpty())
                return;
            touched << lib + QStringLiteral("/p14.jpg") << lib + QStringLiteral("/p15.jpg");
            QFile::remove(touched[0]);
            test::writeFile(touched[1], QByteArray(300, 'x'));
        });
    QVERIFY2(s.ok, qPrintable(s.error));
    QVERIFY(!touched.isEmpty());
    QCOMPARE(s.seen, 16);
    QVERIFY(s.analysed + s.failures >= 15);
    // The photos nobody touched are all analysed.
    QVERIFY2(s.analysed >= 14, qPrintable(s.failureReasons.join('\n')));
    for (const QString &reason : s.failureReasons)
        QVERIFY2(reason.startsWith(touched[0]) || reason.startsWith(touched[1]),
                 qPrintable(reason));

    // The next scan sets the record straight: one photo missing, one broken.
    const ScanSummary again = scan(lib, m_tmp.filePath(QStringLiteral("changing.sqlite")));
    QVERIFY(again.ok);
    Catalog c(m_tmp.filePath(QStringLiteral("changing.sqlite")));
    QVERIFY(c.open());
    QStringList failed;
    for (const PhotoRecord &p : c.failedPhotos())
        if (!p.missing)
            failed << p.path;
    QCOMPARE(failed, QStringList{touched[1]});
}

void TestHostileFiles::unreadableFileIsRecorded()
{
    if (::geteuid() == 0)
        QSKIP("running as root: chmod 000 does not make a file unreadable");
    const QString lib = m_tmp.filePath(QStringLiteral("unreadable"));
    QVERIFY(QDir().mkpath(lib));
    const QString locked = lib + QStringLiteral("/locked.jpg");
    QVERIFY(QFile::copy(m_samples + QStringLiteral("/sample2.jpg"), locked));
    QVERIFY(QFile::setPermissions(locked, {}));
    const ScanSummary s = scan(lib, m_tmp.filePath(QStringLiteral("unreadable.sqlite")));
    QVERIFY(s.ok);
    QCOMPARE(s.failures, 1);
    QVERIFY2(s.failureReasons.value(0).startsWith(locked + QStringLiteral(": ")),
             qPrintable(s.failureReasons.join('\n')));
}

void TestHostileFiles::scanReleasesEveryFileHandle()
{
    // 200 small photos, a few broken: a leak of one handle per file shows.
    const QString lib = m_tmp.filePath(QStringLiteral("many"));
    QVERIFY(QDir().mkpath(lib));
    QImage image(m_samples + QStringLiteral("/sample2.jpg"));
    image = image.scaledToWidth(160).convertToFormat(QImage::Format_RGB32);
    image.setColorSpace({}); // no ICC profile for libpng to complain about
    for (int i = 0; i < 200; ++i) {
        const QString name = lib + QStringLiteral("/f%1.%2").arg(i).arg(i % 3 ? "jpg" : "png");
        QVERIFY(test::writeFile(name, i % 50 == 7
                                          ? QByteArray("broken")
                                          : test::encode(image.mirrored(i % 2, false),
                                                         i % 3 ? "JPEG" : "PNG", 50 + i % 40)));
    }
    const QString catalogPath = m_tmp.filePath(QStringLiteral("many.sqlite"));
    const int before = openFileDescriptors();
    const ScanSummary s = scan(lib, catalogPath);
    QVERIFY(s.ok);
    QCOMPARE(s.seen, 200);
    QCOMPARE(s.failures, 4);
    QCOMPARE(openFileDescriptors(), before);
    const ScanSummary again = scan(lib, catalogPath);
    QCOMPARE(again.unchanged, 200);
    QCOMPARE(openFileDescriptors(), before);
}

void TestHostileFiles::cleanupTestCase()
{
    if (!m_rawName.isEmpty())
        ::unlink(m_rawName.constData());
}

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostilefiles.moc"
