// Scanner with the real models, on copies of the sample photos in a folder
// whose name has spaces and non-ASCII letters: a rescan does no work, changes
// are noticed one file at a time, moves and copies are recognised by content,
// broken files are reasons not crashes, and an interrupted scan resumes;
// a second scan of a catalog while one runs is refused, and a killed scan
// leaves no lock behind.

#include "catalog/catalog.h"
#include "metadata/xmpregions.h"
#include "people/peopleservice.h"
#include "scan/scanlock.h"
#include "scan/scanner.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QFutureWatcher>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace facefolio;

namespace {

const QString kFolder = QStringLiteral("Fotos 2024 – Ål");

int expectedFaces()
{
    int n = 0;
    for (const QString &name : test::samplePhotoNames())
        n += test::frontalFaces(name);
    return n;
}

// Face ids by photo path.
QHash<QString, QList<qint64>> faceIdsByPhoto(Catalog &c)
{
    QHash<QString, QList<qint64>> out;
    for (const FaceRecord &f : c.faces(false))
        out[f.photoPath] << f.id;
    return out;
}

QString summaryText(const ScanSummary &s)
{
    return QStringLiteral("ok=%1 error='%2' cancelled=%3 seen=%4 unchanged=%5 analysed=%6 "
                          "moved=%7 duplicates=%8 vanished=%9 failures=%10 faces=%11")
        .arg(s.ok)
        .arg(s.error)
        .arg(s.cancelled)
        .arg(s.seen)
        .arg(s.unchanged)
        .arg(s.analysed)
        .arg(s.moved)
        .arg(s.duplicates)
        .arg(s.vanished)
        .arg(s.failures)
        .arg(s.faces);
}

} // namespace

class TestScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void firstScanAnalysesEverything();
    void rescanDoesNothing();
    void alteredFileIsReanalysed();
    void changingTheDetectorRedetectsAndKeepsDecisions();
    void touchedFileIsRecheckedNotDuplicated();
    void deletedFileIsMissingAndKeepsFaces();
    void movedFileIsRecognised();
    void copiedFileIsDuplicate();
    void brokenFilesAreFailuresAndScanGoesOn();
    void cancelledScanResumes();
    void startReportsProgressAndFinishes();
    void cancellingTheFutureStopsAndRescanCompletes();
    void stoppingKeepsTheSummary();
    void namesFromOtherToolsAreImported();
    void aNamedRegionWithoutADetectedFaceBecomesAManualFace();
    void badFoldersAreRefused();
    void badCatalogIsRefused();
    void oneScanPerCatalog();
    void aKilledScanLeavesNoLockBehind();
    void rescanOfFolderOutsideTheBmp();

private:
    ScanOptions options() const;
    ScanSummary scan(const std::function<bool()> &cancelled = {}) const;
    QString lib(const QString &name) const { return m_lib + '/' + name; }

    std::shared_ptr<const FaceModels> m_models;
    QString m_samples;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_lib; ///< the library folder, with 4 samples at its top and 2 in "Sommer/"
    QString m_catalog;
};

void TestScanner::initTestCase()
{
    if (const QString why = test::loadModelsAndSamples(m_models, m_samples); !why.isEmpty())
        QFAIL(qPrintable(why));
}

void TestScanner::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_lib = m_tmp->filePath(kFolder);
    m_catalog = m_tmp->filePath("catalog.sqlite");
    QVERIFY(QDir().mkpath(m_lib + "/Sommer"));
    for (const QString &name : test::samplePhotoNames()) {
        const QString to =
            name == "sample5.jpg" || name == "sample6.jpg" ? lib("Sommer/" + name) : lib(name);
        QVERIFY(QFile::copy(m_samples + '/' + name, to));
    }
    // Not photos to the scanner: a text file, and a hidden file and folder.
    QVERIFY(test::writeFile(lib("notes.txt"), "shopping list"));
    QVERIFY(QFile::copy(m_samples + "/sample1.jpg", lib(".hidden.jpg")));
    QVERIFY(QDir().mkpath(lib(".thumbnails")));
    QVERIFY(QFile::copy(m_samples + "/sample3.jpg", lib(".thumbnails/t.jpg")));
}

ScanOptions TestScanner::options() const
{
    ScanOptions o;
    o.folders = {m_lib};
    o.catalogPath = m_catalog;
    o.threads = 2;
    return o;
}

ScanSummary TestScanner::scan(const std::function<bool()> &cancelled) const
{
    return Scanner::run(options(), m_models, cancelled);
}

void TestScanner::firstScanAnalysesEverything()
{
    std::vector<ScanProgress> reports;
    ScanOptions o = options();
    o.onProgress = [&reports](const ScanProgress &p) { reports.push_back(p); };
    const ScanSummary s = Scanner::run(o, m_models);
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QVERIFY(!s.cancelled);
    QCOMPARE(s.seen, 6);
    QCOMPARE(s.analysed, 6);
    QCOMPARE(s.unchanged, 0);
    QCOMPARE(s.failures, 0);
    QCOMPARE(s.faces, expectedFaces());
    QVERIFY(s.seconds > 0);
    QVERIFY(!reports.empty());
    QCOMPARE(reports.back().done, 6);
    QCOMPARE(reports.back().total, 6);
    QCOMPARE(reports.back().faces, expectedFaces());

    Catalog c(m_catalog);
    QVERIFY(c.open());
    const CatalogStats st = c.stats();
    QCOMPARE(st.photos, 6);
    QCOMPARE(st.faces, expectedFaces());
    QCOMPARE(st.photosWithFaces, 6);
    const auto byPhoto = faceIdsByPhoto(c);
    for (const QString &name : test::samplePhotoNames()) {
        const QString path =
            name == "sample5.jpg" || name == "sample6.jpg" ? lib("Sommer/" + name) : lib(name);
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        QCOMPARE(int(byPhoto.value(path).size()), test::frontalFaces(name));
    }
    const PhotoRecord p = c.photosUnder({m_lib}).value(lib("sample1.jpg"));
    QCOMPARE(p.width, 1920);
    QCOMPARE(p.height, 1280);
    QCOMPARE(p.hash.size(), 40); // hex BLAKE2b-160
}

void TestScanner::rescanDoesNothing()
{
    QVERIFY(scan().ok);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    const auto before = faceIdsByPhoto(c);

    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.seen, 6);
    QCOMPARE(s.unchanged, 6);
    QCOMPARE(s.analysed, 0);
    QCOMPARE(s.faces, 0);
    QCOMPARE(s.moved + s.duplicates + s.vanished + s.failures, 0);
    QCOMPARE(faceIdsByPhoto(c), before);

    // The same folder spelled differently is still the same folder.
    ScanOptions o = options();
    o.folders = {m_lib + "/Sommer/../"};
    const ScanSummary again = Scanner::run(o, m_models);
    QVERIFY2(again.ok, qPrintable(summaryText(again)));
    QCOMPARE(again.unchanged, 6);
    QCOMPARE(again.analysed, 0);
    QCOMPARE(faceIdsByPhoto(c), before);
}

void TestScanner::alteredFileIsReanalysed()
{
    QVERIFY(scan().ok);
    // New content for sample3: the picture mirrored, so it still has 3 faces.
    const QImage mirrored = QImage(lib("sample3.jpg")).mirrored(true, false);
    QVERIFY(test::writeFile(lib("sample3.jpg"), test::encode(mirrored, "JPEG", 92)));

    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.unchanged, 5);
    QCOMPARE(s.analysed, 1);
    QCOMPARE(s.faces, 3);
    QCOMPARE(s.duplicates + s.moved + s.vanished + s.failures, 0);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    QCOMPARE(c.stats().faces, expectedFaces());
    QCOMPARE(c.stats().photos, 6);
    // A third scan has nothing left to do.
    const ScanSummary third = scan();
    QCOMPARE(third.unchanged, 6);
    QCOMPARE(third.analysed, 0);
}

// Scanned with HOG, sample2 has one face; the user gives it a person. A
// rescan with both detectors re-detects every photo, finds the faces HOG
// missed, and the face the user decided on keeps its row and its person. A
// third scan with the same detector has nothing to do.
void TestScanner::changingTheDetectorRedetectsAndKeepsDecisions()
{
    ScanOptions hog = options();
    hog.analyzer.detector = FaceDetector::Hog;
    QVERIFY(Scanner::run(hog, m_models).ok);
    qint64 faceId = 0, personId = 0;
    int hogFaces = 0;
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        hogFaces = int(c.stats().faces);
        for (const FaceRecord &f : c.faces(false))
            if (f.photoPath.endsWith(QLatin1String("/sample2.jpg")))
                faceId = f.id;
        QVERIFY(faceId != 0);
        PeopleService people(c);
        personId = people.splitToNewPerson({faceId}, QStringLiteral("Anna"));
        QVERIFY(personId != 0);
    }

    ScanOptions both = options();
    both.analyzer.detector = FaceDetector::Both;
    const ScanSummary s = Scanner::run(both, m_models);
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.unchanged, 0);
    QCOMPARE(s.analysed, 6);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    QVERIFY2(c.stats().faces > hogFaces,
             qPrintable(QStringLiteral("%1 vs %2").arg(c.stats().faces).arg(hogFaces)));
    bool kept = false;
    for (const FaceRecord &f : c.faces(false))
        if (f.id == faceId)
            kept = f.personId == personId && f.personName == QLatin1String("Anna");
    QVERIFY(kept);

    const ScanSummary third = Scanner::run(both, m_models);
    QCOMPARE(third.unchanged, 6);
    QCOMPARE(third.analysed, 0);
}

void TestScanner::touchedFileIsRecheckedNotDuplicated()
{
    QVERIFY(scan().ok);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    const auto before = faceIdsByPhoto(c);
    {
        QFile f(lib("sample4.jpg"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addDays(1),
                              QFileDevice::FileModificationTime));
    }
    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.unchanged, 5); // only the touched file is looked at again
    QVERIFY(s.analysed <= 1);
    QCOMPARE(s.failures, 0);
    QCOMPARE(c.stats().photos, 6);
    QCOMPARE(c.stats().faces, expectedFaces());
    QCOMPARE(faceIdsByPhoto(c).value(lib("sample4.jpg")).size(),
             before.value(lib("sample4.jpg")).size());
    const ScanSummary third = scan();
    QCOMPARE(third.unchanged, 6); // its new time was recorded
    // Same content at the same path is neither a copy nor a move: the
    // summary must not tell the user there is a duplicate.
    QVERIFY2(s.duplicates == 0,
             qPrintable("a touched file was reported as a duplicate: " + summaryText(s)));
}

void TestScanner::deletedFileIsMissingAndKeepsFaces()
{
    QVERIFY(scan().ok);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    const auto before = faceIdsByPhoto(c);
    const QString gone = lib("Sommer/sample5.jpg");
    const QByteArray bytes = test::readFile(gone);
    QVERIFY(QFile::remove(gone));

    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.seen, 5);
    QCOMPARE(s.vanished, 1);
    QCOMPARE(s.unchanged, 5);
    QCOMPARE(s.analysed, 0);
    const PhotoRecord p = c.photosUnder({m_lib}).value(gone);
    QVERIFY(p.missing);
    QCOMPARE(c.stats().missing, 1);
    QCOMPARE(c.stats().faces, expectedFaces()); // its faces (and any names) are kept
    QCOMPARE(faceIdsByPhoto(c), before);

    // Counted once: a second scan does not report it vanishing again.
    QCOMPARE(scan().vanished, 0);

    // When it comes back, it is found again with the same faces.
    QVERIFY(test::writeFile(gone, bytes));
    const ScanSummary back = scan();
    QVERIFY2(back.ok, qPrintable(summaryText(back)));
    QCOMPARE(back.analysed, 0);
    QCOMPARE(c.stats().missing, 0);
    QCOMPARE(faceIdsByPhoto(c), before);
}

void TestScanner::movedFileIsRecognised()
{
    QVERIFY(scan().ok);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    const auto before = faceIdsByPhoto(c);
    const QString from = lib("sample1.jpg");
    const QString to = lib("Sommer/Strand – Åsa & Émile.jpg");
    QVERIFY(QFile::rename(from, to));

    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.moved, 1);
    QCOMPARE(s.analysed, 0);
    QCOMPARE(s.faces, 0);
    QCOMPARE(s.duplicates, 0);
    QCOMPARE(s.unchanged, 5);
    const auto after = faceIdsByPhoto(c);
    QCOMPARE(after.value(to), before.value(from)); // the same face ids, now at the new path
    QVERIFY(!after.contains(from));
    QCOMPARE(c.stats().photos, 6);
    QCOMPARE(c.stats().missing, 0);
    QCOMPARE(c.stats().faces, expectedFaces());
    QCOMPARE(scan().unchanged, 6);
    // One photo moved; none vanished from the library.
    QVERIFY2(s.vanished == 0,
             qPrintable("a moved photo was also reported as vanished: " + summaryText(s)));
}

void TestScanner::copiedFileIsDuplicate()
{
    QVERIFY(scan().ok);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    const QString copy = lib("Sommer/Kopie von sample3.jpg");
    QVERIFY(QFile::copy(lib("sample3.jpg"), copy));

    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.duplicates, 1);
    QCOMPARE(s.analysed, 0);
    QCOMPARE(s.moved, 0);
    QCOMPARE(s.unchanged, 6);
    QCOMPARE(c.stats().photos, 7);
    QCOMPARE(c.stats().faces, expectedFaces() + 3);

    std::vector<FaceRecord> original, copied;
    for (const FaceRecord &f : c.faces(true)) {
        if (f.photoPath == lib("sample3.jpg"))
            original.push_back(f);
        else if (f.photoPath == copy)
            copied.push_back(f);
    }
    QCOMPARE(copied.size(), size_t(3));
    QCOMPARE(copied.size(), original.size());
    for (size_t i = 0; i < copied.size(); ++i) {
        QVERIFY(copied[i].id != original[i].id);
        QCOMPARE(copied[i].box, original[i].box);
        QCOMPARE(embeddingDistance(copied[i].embedding, original[i].embedding), 0.0f);
    }
    const PhotoRecord p = c.photosUnder({m_lib}).value(copy);
    QCOMPARE(p.width, 1920);
    QCOMPARE(int(p.state), int(PhotoState::Done));
}

void TestScanner::brokenFilesAreFailuresAndScanGoesOn()
{
    const QByteArray jpeg = test::readFile(lib("sample2.jpg"));
    QByteArray random(20000, Qt::Uninitialized);
    QRandomGenerator rng(99);
    for (char &ch : random)
        ch = char(rng.bounded(256));
    const QHash<QString, QByteArray> broken{
        {lib("leer.jpg"), QByteArray()},
        {lib("abgeschnitten.jpg"), jpeg.left(jpeg.size() / 2)},
        {lib("Sommer/zufall.jpg"), random},
        {lib("liesmich.png"), QByteArray("This is a text file, not a PNG.\n")}};
    for (auto it = broken.begin(); it != broken.end(); ++it)
        QVERIFY(test::writeFile(it.key(), it.value()));

    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.seen, 10);
    QCOMPARE(s.failures, 4);
    QCOMPARE(s.analysed, 6);
    QCOMPARE(s.faces, expectedFaces());
    QCOMPARE(s.failureReasons.size(), 4);
    QStringList sorted = s.failureReasons;
    sorted.sort();
    QCOMPARE(s.failureReasons, sorted);
    for (auto it = broken.begin(); it != broken.end(); ++it) {
        const QString prefix = it.key() + QStringLiteral(": ");
        const auto found = std::find_if(s.failureReasons.begin(), s.failureReasons.end(),
                                        [&](const QString &r) { return r.startsWith(prefix); });
        QVERIFY2(found != s.failureReasons.end(), qPrintable(it.key()));
        QVERIFY2(found->size() > prefix.size() + 3, qPrintable(*found));
    }

    Catalog c(m_catalog);
    QVERIFY(c.open());
    const std::vector<PhotoRecord> failed = c.failedPhotos();
    QCOMPARE(failed.size(), size_t(4));
    for (const PhotoRecord &p : failed) {
        QVERIFY(broken.contains(p.path));
        QVERIFY(!p.error.isEmpty());
    }
    QCOMPARE(c.stats().failed, 4);
    QCOMPARE(c.stats().photos, 10);
    // Unchanged broken files are not retried on every scan.
    const ScanSummary again = scan();
    QCOMPARE(again.unchanged, 10);
    QCOMPARE(again.failures, 0);
}

void TestScanner::cancelledScanResumes()
{
    // One worker, cancelled at the first progress report.
    bool reported = false;
    ScanOptions o = options();
    o.threads = 1;
    o.onProgress = [&reported](const ScanProgress &) { reported = true; };
    const ScanSummary first = Scanner::run(o, m_models, [&reported] { return reported; });
    QVERIFY2(first.ok, qPrintable(summaryText(first)));
    QVERIFY(first.cancelled);
    QVERIFY2(first.analysed < 6, qPrintable(summaryText(first)));

    const ScanSummary second = scan();
    QVERIFY2(second.ok, qPrintable(summaryText(second)));
    QVERIFY(!second.cancelled);
    QCOMPARE(second.unchanged, first.analysed);
    QCOMPARE(second.analysed, 6 - first.analysed);
    QCOMPARE(first.faces + second.faces, expectedFaces());

    Catalog c(m_catalog);
    QVERIFY(c.open());
    const auto photos = c.photosUnder({m_lib});
    QCOMPARE(photos.size(), 6); // every photo exactly once
    const auto byPhoto = faceIdsByPhoto(c);
    for (const PhotoRecord &p : photos)
        QCOMPARE(int(byPhoto.value(p.path).size()),
                 test::frontalFaces(QFileInfo(p.path).fileName()));
    QCOMPARE(c.stats().faces, expectedFaces());
    QCOMPARE(c.stats().failed, 0);
}

void TestScanner::startReportsProgressAndFinishes()
{
    std::atomic<int> userReports{0};
    std::atomic<int> lastDone{-1};
    ScanOptions o = options();
    o.onProgress = [&](const ScanProgress &p) {
        ++userReports;
        lastDone = p.done;
    };
    QFutureWatcher<ScanSummary> watcher;
    QSignalSpy progress(&watcher, &QFutureWatcherBase::progressValueChanged);
    QSignalSpy range(&watcher, &QFutureWatcherBase::progressRangeChanged);
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(Scanner::start(o, m_models));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);

    const QFuture<ScanSummary> future = watcher.future();
    QVERIFY(!future.isCanceled());
    QCOMPARE(future.resultCount(), 1);
    const ScanSummary s = future.result();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.analysed, 6);
    QCOMPARE(s.faces, expectedFaces());
    QVERIFY(userReports > 0);
    QCOMPARE(lastDone.load(), 6);
    QVERIFY(range.count() > 0);
    QCOMPARE(future.progressMaximum(), 6);
    QCOMPARE(future.progressValue(), 6);
    QVERIFY2(future.progressText().contains(QString::number(expectedFaces())),
             qPrintable(future.progressText()));
}

void TestScanner::cancellingTheFutureStopsAndRescanCompletes()
{
    ScanOptions o = options();
    o.threads = 1;
    QFuture<ScanSummary> future = Scanner::start(o, m_models);
    QFutureWatcher<ScanSummary> watcher;
    QSignalSpy progress(&watcher, &QFutureWatcherBase::progressValueChanged);
    watcher.setFuture(future);
    QTRY_VERIFY_WITH_TIMEOUT(future.progressMaximum() > 0 || future.isFinished(), 60000);
    future.cancel();
    future.waitForFinished();
    QVERIFY(future.isFinished());

    Catalog c(m_catalog);
    QVERIFY(c.open());
    const qint64 firstPhotos = c.stats().photos;
    QVERIFY2(firstPhotos < 6, "cancelling did not stop the scan");

    const ScanSummary s = scan();
    QVERIFY2(s.ok, qPrintable(summaryText(s)));
    QCOMPARE(s.analysed + s.unchanged, 6);
    QCOMPARE(c.photosUnder({m_lib}).size(), 6);
    QCOMPARE(c.stats().faces, expectedFaces());
}

void TestScanner::stoppingKeepsTheSummary()
{
    // A user who presses Cancel still wants to read what the scan did.
    ScanOptions o = options();
    o.threads = 1;
    o.stop = std::make_shared<std::atomic<bool>>(false);
    o.onProgress = [stop = o.stop](const ScanProgress &p) {
        if (p.done >= 1)
            *stop = true;
    };
    QFuture<ScanSummary> future = Scanner::start(o, m_models);
    future.waitForFinished();
    QVERIFY(!future.isCanceled());
    QCOMPARE(future.resultCount(), 1);
    const ScanSummary s = future.result();
    QVERIFY2(s.ok && s.cancelled, qPrintable(summaryText(s)));
    QVERIFY2(s.analysed >= 1 && s.analysed < 6, qPrintable(summaryText(s)));
    Catalog c(m_catalog);
    QVERIFY(c.open());
    QCOMPARE(c.stats().photos, qint64(s.analysed));
}

void TestScanner::namesFromOtherToolsAreImported()
{
    // digiKam names two faces of sample1 in a sidecar, with boxes a little
    // larger than ours; sample3 carries its names inside the JPEG, written
    // for the stored pixels of a photo turned by EXIF orientation 6.
    const std::vector<DetectedFace> s1 =
        FaceAnalyzer(m_models).analyzeFile(m_samples + "/sample1.jpg").faces;
    QCOMPARE(int(s1.size()), test::frontalFaces("sample1.jpg"));
    const QSize size1(1920, 1280);
    const auto region = [](const QString &name, const QRect &box, const QSize &size) {
        const QRectF b = QRectF(box).adjusted(-box.width() * 0.1, -box.height() * 0.15,
                                              box.width() * 0.1, box.height() * 0.05);
        return XmpFaceRegion{name, QRectF(b.x() / size.width(), b.y() / size.height(),
                                          b.width() / size.width(), b.height() / size.height())};
    };
    QVERIFY(test::writeFile(lib("sample1.jpg.xmp"),
                            XmpRegions::sidecar(size1, {region("Oma Kim", s1[0].box, size1),
                                                        region("Aunt Jo", s1[1].box, size1)})));

    const QImage display = QImage(m_samples + "/sample3.jpg");
    const std::vector<DetectedFace> s3 =
        FaceAnalyzer(m_models).analyzeFile(m_samples + "/sample3.jpg").faces;
    QVERIFY(!s3.empty());
    // Stored pixels for orientation 6 are the display turned 90° to the left;
    // a display box (x, y, w, h) sits at (y, W - x - w, h, w) there.
    const QSize stored(display.height(), display.width());
    const QRect d = s3[0].box;
    const QRect inStored(d.y(), display.width() - d.x() - d.width(), d.height(), d.width());
    const QByteArray packet = XmpRegions::sidecar(stored, {region("oma kim", inStored, stored)});
    QByteArray jpeg = test::orientedJpeg(display, 6);
    QByteArray app1 = QByteArray("http://ns.adobe.com/xap/1.0/") + '\0' + packet;
    const int len = int(app1.size()) + 2;
    app1.prepend(char(len & 0xff)).prepend(char(len >> 8)).prepend("\xFF\xE1", 2);
    jpeg.insert(2, app1);
    QVERIFY(test::writeFile(lib("sample3.jpg"), jpeg));

    const ScanSummary sum = scan();
    QVERIFY2(sum.ok, qPrintable(summaryText(sum)));
    Catalog c(m_catalog);
    QVERIFY(c.open());
    QMap<QString, int> named;
    QMap<QString, QString> photoOf;
    for (const FaceRecord &f : c.faces(false))
        if (f.personId) {
            named[f.personName] += 1;
            photoOf[f.personName + QFileInfo(f.photoPath).fileName()] = f.photoPath;
        }
    QCOMPARE(named.value("Oma Kim"), 2); // one person, matched without regard to case
    QCOMPARE(named.value("Aunt Jo"), 1);
    QCOMPARE(named.size(), 2);
    QVERIFY(photoOf.contains("Oma Kimsample1.jpg") && photoOf.contains("Oma Kimsample3.jpg"));
    QVERIFY(photoOf.contains("Aunt Josample1.jpg"));
    QSqlQuery q(c.database());
    q.exec("SELECT count(*) FROM faces WHERE confirmed = 1");
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
}

// Another tool named a face that no detector finds here (issue 18): it comes
// in as a manual face, analysed from the region's box and named, and a
// rescan of the changed file keeps it without adding it twice.
void TestScanner::aNamedRegionWithoutADetectedFaceBecomesAManualFace()
{
    const std::vector<DetectedFace> found =
        FaceAnalyzer(m_models).analyzeFile(m_samples + "/sample2.jpg").faces;
    const QImage display(m_samples + "/sample2.jpg");
    const QSize size = display.size();
    // Far from every detected face: the top left corner.
    const QRectF area(20.0 / size.width(), 20.0 / size.height(), 160.0 / size.width(),
                      160.0 / size.height());
    for (const DetectedFace &f : found)
        QVERIFY(!QRectF(f.box).intersects(QRectF(20, 20, 160, 160)));
    QVERIFY(test::writeFile(lib("sample2.jpg.xmp"),
                            XmpRegions::sidecar(size, {XmpFaceRegion{"Grandpa", area}})));
    const auto manualFaces = [this] {
        Catalog c(m_catalog);
        c.open();
        std::vector<FaceRecord> out;
        for (const FaceRecord &f : c.faces(false))
            if (f.manual)
                out.push_back(f);
        return out;
    };
    ScanSummary sum = scan();
    QVERIFY2(sum.ok, qPrintable(summaryText(sum)));
    auto manual = manualFaces();
    QCOMPARE(manual.size(), size_t(1));
    QCOMPARE(manual[0].personName, QStringLiteral("Grandpa"));
    QVERIFY(manual[0].box.intersects(QRect(20, 20, 160, 160)));
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        QVERIFY(!c.faceChip(manual[0].id).isEmpty());
    }
    // The file changes (a tool rewrote it): analysed again, the face stays once.
    QByteArray bytes = test::readFile(lib("sample2.jpg"));
    bytes.append('\0');
    QVERIFY(test::writeFile(lib("sample2.jpg"), bytes));
    sum = scan();
    QVERIFY2(sum.ok && sum.analysed >= 1, qPrintable(summaryText(sum)));
    manual = manualFaces();
    QCOMPARE(manual.size(), size_t(1));
    QCOMPARE(manual[0].personName, QStringLiteral("Grandpa"));
}

void TestScanner::badFoldersAreRefused()
{
    const QString nowhere = m_tmp->filePath("Gibt es nicht – Ø");
    ScanOptions o = options();
    o.folders = {nowhere};
    ScanSummary s = Scanner::run(o, m_models);
    QVERIFY(!s.ok);
    QVERIFY2(s.error.contains(nowhere), qPrintable(s.error));
    QVERIFY2(s.error.contains("does not exist"), qPrintable(s.error));
    QVERIFY2(!QFileInfo::exists(m_catalog), "a catalog was created for a scan that did not run");

    o.folders = {m_lib, nowhere}; // one good folder does not make a bad one acceptable
    s = Scanner::run(o, m_models);
    QVERIFY(!s.ok);
    QCOMPARE(s.analysed, 0);

    o.folders = {lib("sample1.jpg")};
    s = Scanner::run(o, m_models);
    QVERIFY(!s.ok);
    QVERIFY2(s.error.contains("not a folder"), qPrintable(s.error));
}

void TestScanner::badCatalogIsRefused()
{
    QVERIFY(test::writeFile(m_catalog, "not a database at all, just text\n"));
    const ScanSummary s = scan();
    QVERIFY(!s.ok);
    QVERIFY2(s.error.contains(m_catalog), qPrintable(s.error));
    QCOMPARE(s.analysed, 0);
    QCOMPARE(test::readFile(m_catalog), QByteArray("not a database at all, just text\n"));
}

void TestScanner::oneScanPerCatalog()
{
    // Scan A holds the catalog while it reports its first progress; scan B,
    // started meanwhile, is refused at once and names A, instead of
    // analysing every photo a second time.
    std::mutex m;
    std::condition_variable cv;
    bool started = false, release = false;
    ScanOptions o = options();
    o.onProgress = [&](const ScanProgress &) {
        std::unique_lock lock(m);
        started = true;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
    };
    ScanSummary a;
    std::thread first([&] { a = Scanner::run(o, m_models); });
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return started; });
    }
    const ScanSummary b = scan();
    {
        std::lock_guard lock(m);
        release = true;
        cv.notify_all();
    }
    first.join();
    QVERIFY(!b.ok);
    QCOMPARE(b.analysed, 0);
    QVERIFY2(
        b.error.contains(QStringLiteral("another scan")) &&
            b.error.contains(QStringLiteral("process %1").arg(QCoreApplication::applicationPid())),
        qPrintable(b.error));
    QVERIFY2(a.ok && a.analysed == 6, qPrintable(summaryText(a)));
    // Once A is done the catalog is free again.
    const ScanSummary again = scan();
    QVERIFY2(again.ok && again.unchanged == 6, qPrintable(summaryText(again)));
}

void TestScanner::aKilledScanLeavesNoLockBehind()
{
    // A process that took the lock and was killed: its lock goes with it.
    const QByteArray path = QFile::encodeName(ScanLock::lockPath(m_catalog));
    int ready[2];
    QCOMPARE(::pipe(ready), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        // Only system calls here: this process is a copy of a threaded one.
        const int fd = ::open(path.constData(), O_RDWR | O_CREAT, 0644);
        if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0)
            (void)!::write(ready[1], "1", 1);
        for (;;)
            ::pause();
    }
    char c = 0;
    QCOMPARE(::read(ready[0], &c, 1), ssize_t(1));
    const ScanSummary held = scan();
    QVERIFY2(!held.ok && held.error.contains(QStringLiteral("another scan")),
             qPrintable(summaryText(held)));
    QCOMPARE(::kill(child, SIGKILL), 0);
    QCOMPARE(::waitpid(child, nullptr, 0), child);
    ::close(ready[0]);
    ::close(ready[1]);
    const ScanSummary s = scan();
    QVERIFY2(s.ok && s.analysed == 6, qPrintable(summaryText(s)));
}

void TestScanner::rescanOfFolderOutsideTheBmp()
{
    // Folder names with characters outside Unicode's Basic Multilingual
    // Plane (emoji are common in phone-made folder names).
    const QString folder = m_tmp->filePath(QStringLiteral("Urlaub 📷 2024"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(m_samples + "/sample2.jpg", folder + "/sample2.jpg"));
    ScanOptions o = options();
    o.folders = {folder};
    const ScanSummary first = Scanner::run(o, m_models);
    QVERIFY2(first.ok, qPrintable(summaryText(first)));
    QCOMPARE(first.analysed, 1);
    const ScanSummary second = Scanner::run(o, m_models);
    QVERIFY2(second.ok, qPrintable(summaryText(second)));
    QVERIFY2(second.unchanged == 1,
             qPrintable("a rescan did not recognise the catalogued photo: " + summaryText(second)));
    QVERIFY(QFile::remove(folder + "/sample2.jpg"));
    const ScanSummary third = Scanner::run(o, m_models);
    QVERIFY2(third.vanished == 1,
             qPrintable("a deleted photo was not marked missing: " + summaryText(third)));
}

QTEST_GUILESS_MAIN(TestScanner)
#include "tst_scanner.moc"
