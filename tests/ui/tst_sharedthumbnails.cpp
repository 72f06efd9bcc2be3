// Photo thumbnails shared with other desktop programs (issue 20): the grid's
// thumbnails are written to the freedesktop.org cache under the name and
// keys the standard gives, so file managers, Gwenview and digiKam read them;
// one another program wrote is used; a stale one (the photo changed since)
// is made again, and one naming another file is not taken.

#include "sharedthumbnails.h"
#include "testsupport.h"
#include "thumbnailcache.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImageReader>
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

    // The photo's thumbnail as a fresh cache (as after a restart) shows it.
    QImage shown()
    {
        ThumbnailCache cache(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        QSignalSpy ready(&cache, &ThumbnailCache::photoReady);
        const qint64 id = m_next++;
        QPixmap p = cache.photo(id, m_photo);
        if (p.isNull() && (ready.wait(20000) || !ready.isEmpty()))
            p = cache.photo(id, m_photo);
        return p.toImage();
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
};

QTEST_MAIN(TestSharedThumbnails)
#include "tst_sharedthumbnails.moc"
