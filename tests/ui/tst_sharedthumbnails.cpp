// Photo thumbnails shared with other desktop programs (issue 20): the grid's
// thumbnails are written to the freedesktop.org cache under the name and
// keys the standard gives, so file managers, Gwenview and digiKam read them;
// one another program wrote is used; a stale one (the photo changed since)
// is made again, and one naming another file is not taken. A photo with a
// camera's embedded Exif thumbnail shows it first, in the right orientation,
// until its own thumbnail replaces it; that stand-in is never stored as the
// photo's thumbnail. Facefolio's own copies of the tiles, beside the catalog,
// follow the photo and the shared thumbnail. Hostile thumbnail offsets give
// no picture and no crash. Nothing here depends on how long anything takes.

#include "analysis/photoloader.h"
#include "catalog/catalog.h"
#include "sharedthumbnails.h"
#include "testsupport.h"
#include "thumbnailcache.h"
#include "tilethumbnails.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace facefolio;

class TestSharedThumbnails : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_photo;
    qint64 m_next = 1;

    // A photo of 2000×1500 pixels in one colour, under a folder name with a
    // space and non-ASCII letters.
    void paint(const QColor &colour)
    {
        QImage img(2000, 1500, QImage::Format_RGB32);
        img.fill(colour);
        QVERIFY(test::writeFile(m_photo, test::encode(img, "JPEG", 90)));
    }

    QString catalog() const { return m_dir.filePath(QStringLiteral("catalog.sqlite")); }

    // What a grid shows of a photo, each time the cache says it changed.
    struct Seen
    {
        QImage image;
        bool placeholder;
    };

    // Every picture a fresh cache (as after a restart) shows for `photo`,
    // until its own thumbnail; the cache is gone afterwards, so what it had
    // to write is written.
    std::vector<Seen> pictures(const QString &photo)
    {
        std::vector<Seen> seen;
        ThumbnailCache cache(catalog());
        const qint64 id = m_next++;
        bool done = false;
        connect(&cache, &ThumbnailCache::photoReady, &cache, [&](qint64 ready) {
            if (ready != id)
                return;
            seen.push_back({cache.photo(id, photo).toImage(), cache.photoIsPlaceholder(id)});
            done = !seen.back().placeholder;
        });
        if (const QPixmap p = cache.photo(id, photo); !p.isNull())
            seen.push_back({p.toImage(), cache.photoIsPlaceholder(id)});
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 20000); }();
        return seen;
    }

    // The photo's own thumbnail as a fresh cache (as after a restart) shows it.
    QImage shown(const QString &photo = {})
    {
        const std::vector<Seen> seen = pictures(photo.isEmpty() ? m_photo : photo);
        return seen.empty() ? QImage() : seen.back().image;
    }

    static QRgb centre(const QImage &image)
    {
        return image.pixel(image.width() / 2, image.height() / 2);
    }
    static bool isBlue(QRgb c) { return qBlue(c) > 200 && qRed(c) < 60 && qGreen(c) < 60; }
    static bool isRed(QRgb c) { return qRed(c) > 200 && qBlue(c) < 60 && qGreen(c) < 60; }
    static bool isGreen(QRgb c) { return qGreen(c) > 200 && qRed(c) < 60 && qBlue(c) < 60; }

    // A camera's photo: 2000×1500 of `photo`, with a 160×120 Exif thumbnail
    // of `thumb` (a different colour, to tell them apart on screen).
    static QByteArray cameraJpeg(const QColor &photo, const QColor &thumb, bool littleEndian)
    {
        QImage big(2000, 1500, QImage::Format_RGB32);
        big.fill(photo);
        QImage small(160, 120, QImage::Format_RGB32);
        small.fill(thumb);
        return test::withExifOrientation(test::encode(big, "JPEG", 90), 1, littleEndian,
                                         test::encode(small, "JPEG", 90));
    }

    // The URI and file name the standard gives, computed here on their own.
    QString uri() const
    {
        return QStringLiteral("file://") +
               QString::fromLatin1(QUrl::toPercentEncoding(m_photo, "/"));
    }
    QString cacheFile() const
    {
        return m_dir.filePath(QStringLiteral("cache/thumbnails/x-large/")) +
               QString::fromLatin1(
                   QCryptographicHash::hash(uri().toUtf8(), QCryptographicHash::Md5).toHex()) +
               QStringLiteral(".png");
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("cache"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("Fotos 2024 – Ål"))));
        m_photo = m_dir.filePath(QStringLiteral("Fotos 2024 – Ål/IMG 0001.jpg"));
    }

    void theGridWritesAThumbnailOthersCanRead()
    {
        paint(Qt::blue);
        const QImage first = shown();
        QVERIFY(!first.isNull());
        QCOMPARE(std::max(first.width(), first.height()), ThumbnailCache::kPhotoSide);
        QCOMPARE(SharedThumbnails::pathFor(m_photo), cacheFile());
        QVERIFY2(QFile::exists(cacheFile()), qPrintable(cacheFile()));
        QImageReader reader(cacheFile());
        QCOMPARE(reader.format(), QByteArray("png"));
        const QImage thumb = reader.read();
        QCOMPARE(thumb.text(QStringLiteral("Thumb::URI")), uri());
        QCOMPARE(thumb.text(QStringLiteral("Thumb::MTime")),
                 QString::number(QFileInfo(m_photo).lastModified().toSecsSinceEpoch()));
        QCOMPARE(thumb.text(QStringLiteral("Thumb::Size")),
                 QString::number(QFileInfo(m_photo).size()));
        const int side = std::max(thumb.width(), thumb.height());
        QVERIFY2(side > ThumbnailCache::kPhotoSide && side <= 512,
                 qPrintable(QString::number(side)));
        // Only the user may read it.
        QCOMPARE(QFile::permissions(cacheFile()) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        QVERIFY(qBlue(thumb.pixel(thumb.width() / 2, thumb.height() / 2)) > 200);
    }

    void aThumbnailAnotherProgramWroteIsUsed()
    {
        paint(Qt::blue);
        // As a file manager would write it: red, for this file, up to date.
        QImage red(400, 300, QImage::Format_RGB32);
        red.fill(Qt::red);
        red.setText(QStringLiteral("Thumb::URI"), uri());
        red.setText(QStringLiteral("Thumb::MTime"),
                    QString::number(QFileInfo(m_photo).lastModified().toSecsSinceEpoch()));
        QVERIFY(QDir().mkpath(QFileInfo(cacheFile()).absolutePath()));
        QFile::remove(cacheFile());
        QVERIFY(red.save(cacheFile(), "PNG"));
        const QImage seen = shown();
        QCOMPARE(seen.size(), QSize(320, 240));
        QVERIFY(qRed(seen.pixel(160, 120)) > 200 && qBlue(seen.pixel(160, 120)) < 60);

        // Naming another file (or no file), it is not this photo's thumbnail.
        red.setText(QStringLiteral("Thumb::URI"), QStringLiteral("file:///elsewhere.jpg"));
        QFile::remove(cacheFile());
        QVERIFY(red.save(cacheFile(), "PNG"));
        const QImage own = shown();
        QVERIFY(qBlue(own.pixel(own.width() / 2, own.height() / 2)) > 200);
        QCOMPARE(QImage(cacheFile()).text(QStringLiteral("Thumb::URI")), uri());
    }

    void aStaleThumbnailIsMadeAgain()
    {
        paint(Qt::blue);
        QVERIFY(!shown().isNull());
        const QString before = QImage(cacheFile()).text(QStringLiteral("Thumb::MTime"));
        // The photo is edited: other pixels, a later time.
        paint(Qt::green);
        QFile f(m_photo);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(120),
                              QFileDevice::FileModificationTime));
        f.close();
        const QImage now = shown();
        QVERIFY(qGreen(now.pixel(now.width() / 2, now.height() / 2)) > 100 &&
                qBlue(now.pixel(now.width() / 2, now.height() / 2)) < 60);
        const QString after = QImage(cacheFile()).text(QStringLiteral("Thumb::MTime"));
        QVERIFY(after != before);
        QCOMPARE(after, QString::number(QFileInfo(m_photo).lastModified().toSecsSinceEpoch()));
    }

    void aPhotoRewrittenWithinTheSecondIsToldByItsSize()
    {
        paint(Qt::blue);
        QVERIFY(!shown().isNull());
        const QDateTime when = QFileInfo(m_photo).lastModified();
        // Rewritten with other pixels and another size, then given back the
        // same time to the second: only Thumb::Size tells the versions apart.
        QImage big(1200, 900, QImage::Format_RGB32);
        big.fill(Qt::green);
        QVERIFY(big.save(m_photo, "JPEG", 95));
        QFile f(m_photo);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(when, QFileDevice::FileModificationTime));
        f.close();
        QVERIFY(QImage(cacheFile()).text(QStringLiteral("Thumb::Size")) !=
                QString::number(QFileInfo(m_photo).size()));
        QVERIFY(SharedThumbnails::read(m_photo).isNull());
        const QImage now = shown();
        QVERIFY(qGreen(now.pixel(now.width() / 2, now.height() / 2)) > 100 &&
                qBlue(now.pixel(now.width() / 2, now.height() / 2)) < 60);
        QCOMPARE(QImage(cacheFile()).text(QStringLiteral("Thumb::Size")),
                 QString::number(QFileInfo(m_photo).size()));
    }

    void theEmbeddedThumbnailIsReadInEitherByteOrder()
    {
        // A camera held on its side stores the pixels as the sensor saw them
        // and orientation 6; the thumbnail is stored the same way.
        QImage display(120, 160, QImage::Format_RGB32);
        QPainter(&display).fillRect(0, 0, 120, 80, Qt::red);
        QPainter(&display).fillRect(0, 80, 120, 80, Qt::blue);
        QImage big(1500, 2000, QImage::Format_RGB32);
        big.fill(Qt::green);
        for (bool le : {false, true}) {
            const QString path = m_dir.filePath(QStringLiteral("turned-%1.jpg").arg(le));
            QVERIFY(test::writeFile(
                path, test::withExifOrientation(
                          test::encode(test::storedForOrientation(big, 6), "JPEG", 90), 6, le,
                          test::encode(test::storedForOrientation(display, 6), "JPEG", 95))));
            const QImage thumb = PhotoLoader::loadEmbeddedThumbnail(path, 160);
            QCOMPARE(thumb.size(), QSize(120, 160));
            QVERIFY(isRed(thumb.pixel(60, 20)));
            QVERIFY(isBlue(thumb.pixel(60, 140)));
        }
        // No thumbnail: a plain JPEG, and one whose Exif segment has no IFD1.
        const QString plain = m_dir.filePath(QStringLiteral("plain.jpg"));
        QVERIFY(test::writeFile(plain, test::encode(big, "JPEG", 90)));
        QVERIFY(PhotoLoader::loadEmbeddedThumbnail(plain, 160).isNull());
        QVERIFY(test::writeFile(plain,
                                test::withExifOrientation(test::encode(big, "JPEG", 90), 6, true)));
        QVERIFY(PhotoLoader::loadEmbeddedThumbnail(plain, 160).isNull());
    }

    void theCamerasBlackBarsAreCropped()
    {
        // A 3:2 photo whose 160×120 thumbnail fits it between black bars.
        QImage big(1800, 1200, QImage::Format_RGB32);
        big.fill(Qt::blue);
        QImage thumb(160, 120, QImage::Format_RGB32);
        thumb.fill(Qt::black);
        QPainter(&thumb).fillRect(0, 7, 160, 106, Qt::blue);
        const QString path = m_dir.filePath(QStringLiteral("barred.jpg"));
        QVERIFY(
            test::writeFile(path, test::withExifOrientation(test::encode(big, "JPEG", 90), 1, false,
                                                            test::encode(thumb, "JPEG", 95))));
        const QImage seen = PhotoLoader::loadEmbeddedThumbnail(path, 160);
        QCOMPARE(seen.size(), QSize(160, 107));
        QVERIFY(isBlue(seen.pixel(80, 2)));
        QVERIFY(isBlue(seen.pixel(80, 104)));
    }

    void hostileThumbnailsGiveNoPictureAndNoCrash()
    {
        const QByteArray good = cameraJpeg(Qt::blue, Qt::red, false);
        // test::exifSegment's layout from the TIFF header: JPEGInterchangeFormat's
        // value at 36, its length's at 48, the thumbnail at 56.
        const qsizetype tiff = good.indexOf(QByteArray("Exif\0\0", 6)) + 6;
        const qsizetype thumbAt = tiff + 56;
        const quint32 thumbLength = (quint32(uchar(good[tiff + 50])) << 8) | uchar(good[tiff + 51]);
        const auto patched = [&](qsizetype at, quint32 v) {
            QByteArray b = good;
            for (int k = 0; k < 4; ++k)
                b[at + k] = char(v >> (24 - 8 * k)); // big-endian
            return b;
        };
        // The thumbnail's frame header claiming 60000×60000 pixels.
        QByteArray huge = good;
        const qsizetype sof = huge.indexOf(QByteArray("\xFF\xC0", 2), thumbAt);
        QVERIFY(sof > thumbAt && sof < thumbAt + qsizetype(thumbLength));
        for (int k : {5, 7}) {
            huge[sof + k] = char(0xEA);
            huge[sof + k + 1] = char(0x60);
        }
        const struct
        {
            const char *what;
            QByteArray bytes;
            bool photoReadable;
        } hostile[] = {
            {"offset past the end", patched(tiff + 36, 0x7FFFFFF0u), true},
            {"offset and length wrapping around", patched(tiff + 36, 0xFFFFFFF8u), true},
            {"length past the segment", patched(tiff + 48, thumbLength + 4096), true},
            {"thumbnail without its end", patched(tiff + 48, thumbLength - 2), true},
            {"thumbnail claiming 60000x60000 pixels", huge, true},
            {"file cut inside the Exif segment", good.left(thumbAt + 100), false},
        };
        int n = 0;
        for (const auto &h : hostile) {
            // A file of its own each: the shared cache tells versions of one
            // file apart only to the second.
            const QString path = m_dir.filePath(QStringLiteral("hostile-%1.jpg").arg(++n));
            QVERIFY(test::writeFile(path, h.bytes));
            QVERIFY2(PhotoLoader::loadEmbeddedThumbnail(path, 160).isNull(), h.what);
            // The grid shows the photo's own picture, or the unreadable tile,
            // and never a stand-in.
            const std::vector<Seen> seen = pictures(path);
            QVERIFY2(!seen.empty(), h.what);
            for (const Seen &s : seen)
                QVERIFY2(!s.placeholder && !isRed(centre(s.image)), h.what);
            QCOMPARE(isBlue(centre(seen.back().image)), h.photoReadable);
        }
    }

    void theEmbeddedThumbnailIsShownFirstThenReplaced()
    {
        const QString tiles = TileThumbnails::folderFor(catalog());
        for (bool le : {false, true}) {
            const QString path = m_dir.filePath(QStringLiteral("camera-%1.jpg").arg(le));
            QVERIFY(test::writeFile(path, cameraJpeg(Qt::blue, Qt::red, le)));
            const std::vector<Seen> seen = pictures(path);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(seen.size() >= 2);
            // At once the camera's small picture, scaled up to the tile's
            // size so the grid keeps its layout...
            QVERIFY(seen.front().placeholder);
            QVERIFY(isRed(centre(seen.front().image)));
            QCOMPARE(seen.front().image.size(), QSize(320, 240));
            // ...then the photo's own.
            QVERIFY(!seen.back().placeholder);
            QVERIFY(isBlue(centre(seen.back().image)));
            QCOMPARE(seen.back().image.size(), QSize(320, 240));
            // Only the photo's own is stored, for other programs and for
            // the next start.
            const QImage shared = SharedThumbnails::read(path);
            const int side = std::max(shared.width(), shared.height());
            QVERIFY2(side > ThumbnailCache::kPhotoSide && side <= SharedThumbnails::kSide,
                     qPrintable(QString::number(side)));
            QVERIFY(isBlue(centre(shared)));
            const QImage copy = TileThumbnails::read(tiles, path);
            QCOMPARE(copy.size(), QSize(320, 240));
            QVERIFY(isBlue(centre(copy)));
            // After a restart the photo's own comes first: no stand-in.
            const std::vector<Seen> again = pictures(path);
            QCOMPARE(int(again.size()), 1);
            QVERIFY(!again.front().placeholder);
            QVERIFY(isBlue(centre(again.front().image)));
        }
    }

    void aDamagedPhotoDoesNotKeepItsEmbeddedThumbnail()
    {
        // The Exif segment whole, the photo's own data cut short (a copy
        // that was interrupted): the stand-in goes, and nothing is stored.
        const QByteArray full = cameraJpeg(Qt::blue, Qt::red, true);
        const QString path = m_dir.filePath(QStringLiteral("damaged.jpg"));
        QVERIFY(test::writeFile(path, full.left(full.size() * 2 / 3)));
        const std::vector<Seen> seen = pictures(path);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(seen.size() >= 2);
        QVERIFY(seen.front().placeholder);
        QVERIFY(!seen.back().placeholder);
        QVERIFY(!isRed(centre(seen.back().image)));
        QVERIFY(!QFile::exists(SharedThumbnails::pathFor(path)));
        QVERIFY(
            !QFile::exists(TileThumbnails::pathFor(TileThumbnails::folderFor(catalog()), path)));
    }

    void theCopyBesideTheCatalogFollowsThePhotoAndTheSharedThumbnail()
    {
        const QString tiles = TileThumbnails::folderFor(catalog());
        const QString path = m_dir.filePath(QStringLiteral("Fotos 2024 – Ål/IMG 0002.jpg"));
        QVERIFY(test::writeFile(path, cameraJpeg(Qt::blue, Qt::red, false)));
        QVERIFY(isBlue(centre(shown(path))));
        const QString copyFile = TileThumbnails::pathFor(tiles, path);
        QVERIFY(QFile::exists(copyFile));
        QCOMPARE(QFile::permissions(copyFile) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());

        // The photo is edited: other pixels, a later time. The copy is not
        // shown even for a moment; the photo's new thumbnail is, and both
        // caches get it.
        QVERIFY(test::writeFile(path, cameraJpeg(Qt::green, Qt::red, false)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(120),
                              QFileDevice::FileModificationTime));
        f.close();
        QVERIFY(TileThumbnails::read(tiles, path).isNull());
        const std::vector<Seen> seen = pictures(path);
        if (QTest::currentTestFailed())
            return;
        for (const Seen &s : seen)
            QVERIFY(!isBlue(centre(s.image)));
        QVERIFY(isGreen(centre(seen.back().image)));
        QVERIFY(isGreen(centre(TileThumbnails::read(tiles, path))));
        QVERIFY(isGreen(centre(SharedThumbnails::read(path))));

        // The user clears the shared cache: the grid makes the shared
        // thumbnail again instead of relying on its own copy.
        QVERIFY(QFile::remove(SharedThumbnails::pathFor(path)));
        QVERIFY(TileThumbnails::read(tiles, path).isNull());
        QVERIFY(isGreen(centre(shown(path))));
        QVERIFY(isGreen(centre(SharedThumbnails::read(path))));
        QVERIFY(!TileThumbnails::read(tiles, path).isNull());
    }

    // A photo moved or renamed leaves its copy under the old path's name;
    // the prune after a scan takes exactly those away, and keeps the copies
    // of every catalogued photo, missing ones (an unplugged drive) included.
    void copiesOfPhotosNoLongerCataloguedAreRemoved()
    {
        const QString catalogPath = m_dir.filePath(QStringLiteral("prune.sqlite"));
        const QString tiles = TileThumbnails::folderFor(catalogPath);
        const QStringList photos = {m_dir.filePath(QStringLiteral("kept.jpg")),
                                    m_dir.filePath(QStringLiteral("on a drive.jpg")),
                                    m_dir.filePath(QStringLiteral("moved away.jpg"))};
        QImage tile(320, 240, QImage::Format_RGB32);
        tile.fill(Qt::blue);
        for (const QString &path : photos) {
            QVERIFY(test::writeFile(path, cameraJpeg(Qt::blue, Qt::red, false)));
            QVERIFY(TileThumbnails::write(tiles, path, tile, TileThumbnails::stampOf(path)));
        }
        // Files in the folder that are not copies are never touched.
        QVERIFY(test::writeFile(tiles + QStringLiteral("/notes.txt"), "mine"));
        QVERIFY(test::writeFile(tiles + QStringLiteral("/Holiday.jpg"), "mine"));

        Catalog c(catalogPath);
        QVERIFY(c.open());
        for (int i = 0; i < 2; ++i) {
            PhotoRecord p;
            p.path = photos[i];
            p.hash = QByteArray::number(i);
            p.missing = i == 1;
            QVERIFY(c.putPhoto(p));
        }
        QCOMPARE(c.photoPaths().size(), 2);
        QCOMPARE(TileThumbnails::prune(tiles, c.photoPaths()), 1);
        QVERIFY(!TileThumbnails::read(tiles, photos[0]).isNull());
        QVERIFY(QFile::exists(TileThumbnails::pathFor(tiles, photos[1])));
        QVERIFY(!QFile::exists(TileThumbnails::pathFor(tiles, photos[2])));
        QVERIFY(QFile::exists(tiles + QStringLiteral("/notes.txt")));
        QVERIFY(QFile::exists(tiles + QStringLiteral("/Holiday.jpg")));
        // Nothing more to take: a second prune removes nothing.
        QCOMPARE(TileThumbnails::prune(tiles, c.photoPaths()), 0);
    }
};

QTEST_MAIN(TestSharedThumbnails)
#include "tst_sharedthumbnails.moc"
