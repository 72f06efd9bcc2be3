// The desktop app, driven the way a user drives it: drops on the people
// list merge, move and split; every edit undoes and redoes, also after the
// app was closed and opened again; the models pass QAbstractItemModelTester;
// a real scan of the sample photos fills the window while the window stays
// usable; the photo viewer labels faces with their person; a catalog of dlib
// faces is re-encoded with ArcFace and regrouped as one undoable step before
// the scan, keeping every name, and a stopped re-encoding resumes; choosing a
// model in the menu starts the upgrade and the choice is remembered.

#include "analysis/faceanalyzer.h"
#include "dragmime.h"
#include "exportdialog.h"
#include "facegridmodel.h"
#include "mainwindow.h"
#include "peoplecontroller.h"
#include "personfiltermodel.h"
#include "personlistmodel.h"
#include "photogridmodel.h"
#include "photoviewer.h"
#include "syntheticalbum.h"
#include "testsupport.h"
#include "thumbnailcache.h"

#include <QAbstractItemModelTester>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace facefolio;
using namespace facefolio::test;

namespace {

QList<qint64> facesOf(Catalog &c, qint64 person)
{
    QList<qint64> out;
    for (const FaceRecord &f : c.facesOfPerson(person, false))
        out << f.id;
    return out;
}

// Drops `data` onto the row of `personId` in the window's people list, as
// the list view does when the user lets go of a drag there.
bool dropOn(MainWindow &w, qint64 personId, QMimeData *data)
{
    const QModelIndex target =
        w.personFilter()->mapFromSource(w.personModel()->indexOfPerson(personId));
    if (!target.isValid())
        return false;
    const bool accepted = w.personFilter()->canDropMimeData(data, Qt::MoveAction, -1, -1, target);
    w.personFilter()->dropMimeData(data, Qt::MoveAction, -1, -1, target);
    delete data;
    return accepted;
}

QMimeData *facesMime(const QList<qint64> &ids)
{
    auto *d = new QMimeData;
    d->setData(dragmime::kFaces, dragmime::encodeIds(ids));
    return d;
}

QMimeData *personMime(qint64 id)
{
    auto *d = new QMimeData;
    d->setData(dragmime::kPerson, dragmime::encodeIds({id}));
    return d;
}

} // namespace

class TestUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    // A clustered album of three people (7, 6 and 5 photos) in a new catalog.
    QString makeAlbum()
    {
        const QString path = m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_n));
        Album a(path);
        if (!a.catalog.open())
            return {};
        World w(3);
        for (int i = 0; i < 3; ++i)
            for (int k = 0; k < 7 - i; ++k)
                a.addPhoto(w, {i});
        Clusterer::run(a.catalog, ClusterOptions{});
        return path;
    }

    std::vector<PersonInfo> persons(MainWindow &w)
    {
        return w.controller()->service().persons(true);
    }

    // A library scanned and grouped by an earlier version, with dlib, from
    // the sample photos; the user named two of its people. Empty (after a
    // test failure) when it cannot be made.
    QString makeDlibLibrary(const QString &name, QHash<qint64, QString> *names, int *faces)
    {
        QString why;
        const std::shared_ptr<const FaceModels> models = loadModels(&why);
        [&] {
            QVERIFY2(models, qPrintable(why));
            QVERIFY2(models->hasArcFace(), qPrintable(models->arcFaceError()));
            QVERIFY2(!samplesDir().isEmpty(), qPrintable(missingSamplesMessage()));
        }();
        if (QTest::currentTestFailed())
            return {};
        const QString path = m_dir.filePath(name);
        ScanOptions o;
        o.folders = {samplesDir()};
        o.catalogPath = path;
        o.threads = 2;
        o.analyzer.encoder = EncoderModel::Dlib;
        const ScanSummary scanned = Scanner::run(o, models);
        Catalog c(path);
        if (!scanned.ok || !c.open() || !Clusterer::run(c, {}).ok) {
            qWarning("cannot make the dlib library: %s", qPrintable(scanned.error));
            return {};
        }
        PeopleService people(c);
        const std::vector<PersonInfo> found = people.persons(true);
        if (found.size() < 2 || c.encoder() != std::optional(EncoderModel::Dlib) ||
            c.facesNotOf(EncoderModel::Dlib) != 0)
            return {};
        for (size_t i = 0; i < 2; ++i) {
            const QString person = QStringLiteral("Person %1").arg(i + 1);
            if (!people.rename(found[i].id, person))
                return {};
            names->insert(found[i].id, person);
        }
        *faces = int(c.faces(false).size());
        return *faces >= 15 ? path : QString();
    }

    // The window's File > Face Recognition Model action for `model`.
    static QAction *encoderAction(MainWindow &w, EncoderModel model)
    {
        auto *group = w.findChild<QActionGroup *>(QStringLiteral("encoderGroup"));
        if (!group)
            return nullptr;
        for (QAction *a : group->actions())
            if (a->data().toInt() == int(model))
                return a;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Settings go to a file of their own, never the user's.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
        // Photo thumbnails go to a cache of the test's own, not the user's.
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("cache"))));
        QCoreApplication::setOrganizationName(QStringLiteral("facefolio-tests"));
        QVERIFY(m_dir.isValid());
    }

    void modelsPassTheModelTester()
    {
        const QString path = makeAlbum();
        QVERIFY(!path.isEmpty());
        PeopleController controller(path);
        QVERIFY(controller.open());
        ThumbnailCache cache(path);
        PersonListModel people(&controller, &cache);
        PersonFilterModel filter;
        filter.setSourceModel(&people);
        FaceGridModel faces(controller.catalog(), &cache);
        PhotoGridModel photos(controller.catalog(), &cache);
        QAbstractItemModelTester t1(&people,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&faces, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t4(&photos,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(people.rowCount(), 2 + 3);
        const qint64 biggest = filter.index(2, 0).data(PersonListModel::PersonIdRole).toLongLong();
        faces.setPerson(biggest);
        QCOMPARE(faces.rowCount(), 7);
        photos.setPerson(biggest);
        QCOMPARE(photos.photoCount(), 7);
        photos.setPerson(0);
        QCOMPARE(photos.photoCount(), 18);
        // Grouped by month: a month tile starts each group, newest first.
        QVERIFY(photos.index(0).data(PhotoGridModel::HeaderRole).toBool());
        QDate last;
        for (int r = 0; r < photos.rowCount(); ++r) {
            const QDate d = photos.index(r).data(PhotoGridModel::DateRole).toDate();
            QVERIFY(!last.isValid() || d <= last || d.month() == last.month());
            if (!photos.index(r).data(PhotoGridModel::HeaderRole).toBool())
                last = d;
        }
        faces.setUnlikeFirst(true);
        QCOMPARE(faces.rowCount(), 7);
        // Least alike first: distances never increase down the grid.
        for (int r = 1; r < faces.rowCount(); ++r)
            QVERIFY(faces.index(r - 1).data(FaceGridModel::DistanceRole).toDouble() >=
                    faces.index(r).data(FaceGridModel::DistanceRole).toDouble());

        // Chips arrive off the UI thread and the model says so.
        QSignalSpy changed(&faces, &QAbstractItemModel::dataChanged);
        for (int r = 0; r < faces.rowCount(); ++r)
            faces.index(r).data(Qt::DecorationRole);
        QTRY_VERIFY(changed.count() >= faces.rowCount());

        QVERIFY(controller.rename(biggest, QStringLiteral("Zoë")));
        people.reload();
        filter.setOrder(PersonFilterModel::Order::ByName);
        QCOMPARE(filter.index(2, 0).data(PersonListModel::PersonIdRole).toLongLong(), biggest);
        filter.setText(QStringLiteral("zo"));
        QCOMPARE(filter.rowCount(), 3); // New person, Unknown faces, Zoë
        filter.setText({});
        QVERIFY(controller.setHidden(biggest, true));
        people.reload();
        QCOMPARE(filter.rowCount(), 4);
        filter.setShowHidden(true);
        QCOMPARE(filter.rowCount(), 5);
    }

    void droppingFacesMovesSplitsAndRemoves()
    {
        const QString path = makeAlbum();
        MainWindow w(path);
        QVERIFY(w.open());
        const auto ps = persons(w);
        const qint64 a = ps[0].id, b = ps[1].id;
        Catalog &c = w.controller()->catalog();
        const QList<qint64> fa = facesOf(c, a);

        QVERIFY(dropOn(w, b, facesMime(fa.mid(0, 2))));
        QCOMPARE(facesOf(c, a).size(), fa.size() - 2);
        QCOMPARE(facesOf(c, b).size(), 8);

        QVERIFY(dropOn(w, PersonListModel::kNewPerson, facesMime(fa.mid(2, 2))));
        QCOMPARE(persons(w).size(), size_t(4));
        QCOMPARE(facesOf(c, a).size(), fa.size() - 4);

        QVERIFY(dropOn(w, PersonListModel::kUnknown, facesMime(fa.mid(4, 1))));
        QCOMPARE(facesOf(c, 0), fa.mid(4, 1));

        QUndoStack *undo = w.controller()->undoStack();
        QCOMPARE(undo->count(), 3);
        undo->undo();
        undo->undo();
        undo->undo();
        QCOMPARE(facesOf(c, a), fa);
        QCOMPARE(persons(w).size(), size_t(3));
        QVERIFY(facesOf(c, 0).isEmpty());
        undo->redo();
        QCOMPARE(facesOf(c, b).size(), 8);
        // The list shows what the catalog holds.
        QCOMPARE(w.personModel()->indexOfPerson(b).data(PersonListModel::FacesRole).toInt(), 8);
    }

    void droppingAPersonMergesAndTheNameSurvives()
    {
        const QString path = makeAlbum();
        MainWindow w(path);
        QVERIFY(w.open());
        const auto ps = persons(w);
        const qint64 a = ps[0].id, b = ps[1].id;
        QVERIFY(w.controller()->rename(b, QStringLiteral("Bora")));
        // A person cannot be dropped on itself or on the New person row.
        QVERIFY(!dropOn(w, a, personMime(a)));
        QVERIFY(!dropOn(w, PersonListModel::kNewPerson, personMime(a)));

        QVERIFY(dropOn(w, a, personMime(b)));
        const auto after = persons(w);
        QCOMPARE(after.size(), size_t(2));
        QCOMPARE(w.controller()->service().person(a)->name, QStringLiteral("Bora"));
        QCOMPARE(w.controller()->service().person(a)->faces, 13);
        QCOMPARE(w.currentPerson(), a);
        QVERIFY(w.controller()->undoStack()->undoText().startsWith(QStringLiteral("Merge")));

        w.controller()->undoStack()->undo();
        QCOMPARE(persons(w).size(), size_t(3));
        QCOMPARE(w.controller()->service().person(b)->name, QStringLiteral("Bora"));
        QVERIFY(w.controller()->service().person(a)->name.isEmpty());
    }

    void renamingInTheListIsUndoable()
    {
        const QString path = makeAlbum();
        MainWindow w(path);
        QVERIFY(w.open());
        const qint64 a = persons(w)[0].id;
        const QModelIndex i = w.personFilter()->mapFromSource(w.personModel()->indexOfPerson(a));
        QVERIFY(w.personFilter()->setData(i, QStringLiteral("  Anna  "), Qt::EditRole));
        QCOMPARE(w.controller()->service().person(a)->name, QStringLiteral("Anna"));
        const QModelIndex again =
            w.personFilter()->mapFromSource(w.personModel()->indexOfPerson(a));
        QVERIFY(again.data(Qt::DisplayRole).toString().startsWith(QStringLiteral("Anna\n")));
        w.controller()->undoStack()->undo();
        QVERIFY(w.controller()->service().person(a)->name.isEmpty());
    }

    void dragAndDropOnTheRealViews()
    {
        const QString path = makeAlbum();
        MainWindow w(path);
        QVERIFY(w.open());
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto ps = persons(w);
        const qint64 a = ps[0].id, b = ps[1].id;
        w.selectPerson(a);
        QListView *grid = w.faceView();
        QCOMPARE(grid->model()->rowCount(), 7);
        QApplication::processEvents();

        // Click the first face, Ctrl+click the third: two faces selected.
        const QModelIndex f0 = grid->model()->index(0, 0), f2 = grid->model()->index(2, 0);
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(f0).center());
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          grid->visualRect(f2).center());
        QCOMPARE(w.selectedFaces().size(), 2);
        const QList<qint64> moving = w.selectedFaces();

        // What the grid would put in the drag, dropped on person b's row.
        QMimeData *data = grid->model()->mimeData(grid->selectionModel()->selectedIndexes());
        QListView *list = w.peopleView();
        const QModelIndex target =
            w.personFilter()->mapFromSource(w.personModel()->indexOfPerson(b));
        const QPoint at = list->visualRect(target).center();
        QDragEnterEvent enter(at, Qt::MoveAction, data, Qt::LeftButton, {});
        QApplication::sendEvent(list->viewport(), &enter);
        QDragMoveEvent move(at, Qt::MoveAction, data, Qt::LeftButton, {});
        QApplication::sendEvent(list->viewport(), &move);
        QVERIFY(move.isAccepted());
        QDropEvent drop(at, Qt::MoveAction, data, Qt::LeftButton, {});
        QApplication::sendEvent(list->viewport(), &drop);
        delete data;
        for (qint64 f : moving)
            QVERIFY(facesOf(w.controller()->catalog(), b).contains(f));
        QCOMPARE(grid->model()->rowCount(), 5); // the grid of a shows what is left

        // F2 on the list starts renaming; an empty name is refused.
        w.selectPerson(b);
        const QModelIndex row = w.personFilter()->mapFromSource(w.personModel()->indexOfPerson(b));
        QVERIFY(!w.personFilter()->setData(row, QStringLiteral("   "), Qt::EditRole));
        QVERIFY(w.controller()->service().person(b)->name.isEmpty());
        QCOMPARE(w.controller()->undoStack()->count(), 1);

        // Ctrl+Z through the window's shortcut puts the faces back.
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        for (qint64 f : moving)
            QVERIFY(facesOf(w.controller()->catalog(), a).contains(f));
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        for (qint64 f : moving)
            QVERIFY(facesOf(w.controller()->catalog(), b).contains(f));
    }

    // Issue 19 as a user meets it: Ctrl+click two people and the Photos view
    // shows their photos together; "only them" leaves out photos with
    // another named person but not with an unnamed stranger; a birth date
    // puts ages into the tooltips and captions and groups photos by age; an
    // undo takes it away again.
    void severalPeopleTogetherAndTheirAges()
    {
        const QString path = m_dir.filePath(QStringLiteral("together%1.sqlite").arg(++m_n));
        QList<qint64> both, all3, mom, minji;
        {
            Album a(path);
            QVERIFY(a.catalog.open());
            World world(3);
            for (int k = 0; k < 4; ++k)
                both << a.addPhoto(world, {0, 1})[1];
            for (int k = 0; k < 2; ++k)
                all3 << a.addPhoto(world, {0, 1, 2})[1];
            for (int k = 0; k < 5; ++k) {
                mom << a.addPhoto(world, {0})[0];
                minji << a.addPhoto(world, {1})[0];
                a.addPhoto(world, {2});
            }
            QVERIFY(Clusterer::run(a.catalog, ClusterOptions{}).ok);
            // Minji's photos, one a year from mid-2019; those with Mom from
            // mid-2019 to mid-2022; those with the stranger have no date.
            QSqlQuery q(a.catalog.database());
            const QList<qint64> dated = minji + both;
            for (int k = 0; k < dated.size(); ++k)
                QVERIFY(q.exec(
                    QStringLiteral("UPDATE photos SET taken_ms = %1 WHERE id = (SELECT "
                                   "photo_id FROM faces WHERE id = %2)")
                        .arg(QDateTime(QDate(2019 + k % 5, 6, 1), QTime(12, 0)).toMSecsSinceEpoch())
                        .arg(dated[k])));
        }
        MainWindow w(path);
        QVERIFY(w.open());
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        Catalog &c = w.controller()->catalog();
        const auto personOf = [&c](qint64 face) {
            for (const FaceRecord &f : c.faces(false))
                if (f.id == face)
                    return f.personId.value_or(0);
            return qint64(0);
        };
        const qint64 minjiId = personOf(minji[0]), momId = personOf(mom[0]);
        QVERIFY(minjiId > 0 && momId > 0 && minjiId != momId);
        QVERIFY(w.controller()->rename(momId, QStringLiteral("Mom")));
        QVERIFY(w.controller()->rename(minjiId, QStringLiteral("Minji")));
        QApplication::processEvents();

        // Click Mom, Ctrl+click Minji in the people list.
        QListView *list = w.peopleView();
        const auto rowOf = [&](qint64 id) {
            return list->visualRect(
                w.personFilter()->mapFromSource(w.personModel()->indexOfPerson(id)));
        };
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rowOf(momId).center());
        QCOMPARE(w.currentPerson(), momId);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          rowOf(minjiId).center());
        QCOMPARE(w.togetherPersons(), (QList<qint64>{momId, minjiId}));
        QCOMPARE(w.photoModel()->photoCount(), 6);
        QCOMPARE(w.heading()->text(), QStringLiteral("Photos with Mom and Minji: 6"));
        QVERIFY(w.onlyThemBox()->isVisible());
        QVERIFY(w.onlyThemBox()->text().contains(QStringLiteral("without a name")));
        // The stranger on two of them has no name: only them keeps all six.
        w.onlyThemBox()->setChecked(true);
        QCOMPARE(w.photoModel()->photoCount(), 6);
        QCOMPARE(w.heading()->text(), QStringLiteral("Photos of only Mom and Minji: 6"));
        // Named, Dad counts; the selection stays through the change.
        const qint64 dadId = personOf(all3[0] + 1);
        QVERIFY(dadId > 0 && dadId != momId && dadId != minjiId);
        QVERIFY(w.controller()->rename(dadId, QStringLiteral("Dad")));
        QCOMPARE(w.togetherPersons(), (QList<qint64>{momId, minjiId}));
        QCOMPARE(w.photoModel()->photoCount(), 4);
        QCOMPARE(w.heading()->text(), QStringLiteral("Photos of only Mom and Minji: 4"));
        w.onlyThemBox()->setChecked(false);
        QCOMPARE(w.photoModel()->photoCount(), 6);

        // A birth date: ages in the tooltips, in the captions when asked.
        QVERIFY(w.controller()->setBirthDate(minjiId, QDate(2019, 2, 28)));
        const QModelIndex newest = w.photoModel()->index(1, 0); // row 0: the month
        QVERIFY(!newest.data(PhotoGridModel::HeaderRole).toBool());
        QCOMPARE(newest.data(PhotoGridModel::DateRole).toDate(), QDate(2022, 6, 1));
        QVERIFY2(newest.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Minji: 3 y")),
                 qPrintable(newest.data(Qt::ToolTipRole).toString()));
        QVERIFY(!newest.data(Qt::DisplayRole).toString().contains(QStringLiteral(" y")));
        // The photo viewer names her with her age then.
        PhotoViewer *viewer = w.showPhoto(newest.data(PhotoGridModel::PhotoIdRole).toLongLong());
        QVERIFY(viewer);
        const auto minjiButton = [&] {
            for (QToolButton *b : viewer->findChildren<QToolButton *>())
                if (b->property("goToPerson").toLongLong() == minjiId)
                    return b->text();
            return QString();
        };
        QTRY_COMPARE(minjiButton(), QStringLiteral("Minji, 3 y"));
        viewer->close();
        auto *showAges = w.findChild<QAction *>(QStringLiteral("showAges"));
        QVERIFY(showAges);
        showAges->trigger();
        QVERIFY2(newest.data(Qt::DisplayRole).toString().endsWith(QStringLiteral("Minji: 3 y")),
                 qPrintable(newest.data(Qt::DisplayRole).toString()));

        // Minji alone, grouped by age: one group per year of her life.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rowOf(minjiId).center());
        QVERIFY(w.togetherPersons().isEmpty());
        w.setMode(MainWindow::Mode::Photos);
        QCOMPARE(w.heading()->text(), QStringLiteral("Photos of Minji: 11"));
        auto *byAge = w.findChild<QAction *>(QStringLiteral("groupByAge"));
        QVERIFY(byAge);
        byAge->trigger();
        QStringList groups;
        for (int r = 0; r < w.photoModel()->rowCount(); ++r)
            if (w.photoModel()->index(r, 0).data(PhotoGridModel::HeaderRole).toBool())
                groups << w.photoModel()->index(r, 0).data().toString();
        // 2019-06 at 3 months .. 2023-06 at 4 years; photos with no date
        // (1970, before her birth) last.
        QCOMPARE(groups, (QStringList{"Age 4", "Age 3", "Age 2", "Age 1", "First year",
                                      "Before Minji was born"}));
        const QModelIndex first = w.photoModel()->index(1, 0);
        QVERIFY(first.data().toString().endsWith(QStringLiteral("4 y")));
        // Her faces say it too.
        w.setMode(MainWindow::Mode::Faces);
        bool aged = false;
        for (int r = 0; r < w.faceModel()->rowCount(); ++r)
            aged = aged || w.faceModel()
                               ->index(r, 0)
                               .data(Qt::ToolTipRole)
                               .toString()
                               .contains(QStringLiteral("Age: 3 mo"));
        QVERIFY(aged);
        // Undo takes the birth date away, and the ages with it.
        w.controller()->undoStack()->undo();
        QVERIFY(!w.controller()->service().person(minjiId)->birthDate.isValid());
        for (int r = 0; r < w.faceModel()->rowCount(); ++r)
            QVERIFY(!w.faceModel()
                         ->index(r, 0)
                         .data(Qt::ToolTipRole)
                         .toString()
                         .contains(QStringLiteral("Age")));
        w.setMode(MainWindow::Mode::Photos);
        QVERIFY(!w.photoModel()->groupedByAge());
        showAges->trigger();
        byAge->trigger();

        // Export offers the selection together as one folder.
        ExportDialog dlg(path);
        dlg.offerTogether({momId, minjiId}, true, QStringLiteral("Mom + Minji"));
        const ExportOptions o = dlg.options();
        QCOMPARE(o.together, (QStringList{QString::number(momId), QString::number(minjiId)}));
        QVERIFY(o.togetherOnly);
    }

    void theHistorySurvivesARestart()
    {
        const QString path = makeAlbum();
        qint64 a = 0, b = 0;
        {
            MainWindow w(path);
            QVERIFY(w.open());
            a = persons(w)[0].id;
            b = persons(w)[1].id;
            QVERIFY(w.controller()->rename(a, QStringLiteral("Anna")));
            QVERIFY(dropOn(w, a, personMime(b)));
            QVERIFY(w.controller()->setHidden(a, true));
            w.controller()->undoStack()->undo(); // the hide
        }
        MainWindow w(path);
        QVERIFY(w.open());
        QUndoStack *undo = w.controller()->undoStack();
        QCOMPARE(undo->count(), 3);
        QCOMPARE(undo->index(), 2);
        QVERIFY(undo->canRedo());
        QVERIFY(undo->redoText().startsWith(QStringLiteral("Hide")));
        QVERIFY(undo->undoText().startsWith(QStringLiteral("Merge")));
        undo->undo();
        QCOMPARE(persons(w).size(), size_t(3));
        QCOMPARE(w.controller()->service().person(a)->name, QStringLiteral("Anna"));
        QVERIFY(w.personModel()->indexOfPerson(b).isValid());
    }

    void aScanFillsTheWindowAndItStaysUsable()
    {
        const QString samples = samplesDir();
        QVERIFY2(!samples.isEmpty(), qPrintable(missingSamplesMessage()));
        const QString path = m_dir.filePath(QStringLiteral("scan.sqlite"));
        MainWindow w(path);
        QVERIFY(w.open());
        w.show();
        QSignalSpy finished(w.work(), &BackgroundWork::clusterFinished);
        QSignalSpy missing(w.work(), &BackgroundWork::modelsMissing);
        QSignalSpy changed(w.work(), &BackgroundWork::peopleChanged);
        w.work()->setLiveClusterInterval(1); // people appear while the scan runs
        w.scanFolders({samples});
        QVERIFY(w.work()->busy());
        // The event loop keeps running while the scan works: a timer fires.
        bool ticked = false;
        QTimer::singleShot(50, [&ticked] { ticked = true; });
        QTRY_VERIFY_WITH_TIMEOUT(ticked, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 || missing.count() == 1, 180000);
        QVERIFY2(missing.isEmpty(), missing.isEmpty() ? "" : qPrintable(missing[0][0].toString()));
        QVERIFY(!w.work()->busy());
        // Live clusterings ran during the scan; as the library had no people
        // before it, the last clustering grouped every face at once.
        QVERIFY(changed.count() >= 2);
        QVERIFY(finished[0][0].value<ClusterSummary>().full);
        int faces = w.personModel()->unknownFaces();
        for (const PersonInfo &p : persons(w))
            faces += p.faces;
        QVERIFY2(faces >= 15, qPrintable(QString::number(faces)));
        w.setMode(MainWindow::Mode::AllPhotos);
        const int images =
            int(QDir(samples)
                    .entryList({QStringLiteral("*.jpg"), QStringLiteral("*.png")}, QDir::Files)
                    .size());
        QCOMPARE(w.photoModel()->photoCount(), images);

        // The viewer labels each face with its person.
        FaceRecord face;
        for (int r = 0; r < w.photoModel()->rowCount() && face.id == 0; ++r) {
            const qint64 photo =
                w.photoModel()->index(r).data(PhotoGridModel::PhotoIdRole).toLongLong();
            const auto faces = w.controller()->catalog().facesOfPhoto(photo);
            if (!faces.empty())
                face = faces.front();
        }
        QVERIFY(face.id != 0);
        qint64 person = face.personId.value_or(0);
        if (!person)
            person = w.controller()->splitToNewPerson({face.id});
        QVERIFY(w.controller()->rename(person, QStringLiteral("Sample Person")));
        PhotoViewer viewer(w.controller()->catalog(), face.photoId, face.id);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.isLoaded(), 20000);
        QVERIFY(viewer.labels().contains(QStringLiteral("Sample Person")));

        // D, then a drag around the face draws it: the box comes out in the
        // photo's pixels, about where the detector put it (issue 18).
        viewer.resize(1000, 760);
        viewer.show();
        QSignalSpy drawn(&viewer, &PhotoViewer::faceDrawn);
        QWidget *canvas = viewer.canvas();
        const auto photo = w.controller()->catalog().photo(face.photoId);
        QVERIFY(photo);
        const QSize full(photo->width, photo->height);
        const QSize shownSize = full.scaled(canvas->size(), Qt::KeepAspectRatio);
        const QPoint origin((canvas->width() - shownSize.width()) / 2,
                            (canvas->height() - shownSize.height()) / 2);
        const double f = double(shownSize.width()) / full.width();
        const QPoint from = origin + QPoint(int(face.box.left() * f), int(face.box.top() * f));
        const QPoint to = origin + QPoint(int(face.box.right() * f), int(face.box.bottom() * f));
        QTest::mousePress(canvas, Qt::LeftButton, {}, from);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, to);
        QCOMPARE(drawn.count(), 0); // not in drawing mode: a drag draws nothing
        viewer.startDrawing();
        QTest::mousePress(canvas, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), canvas->mapToGlobal(QPointF(to)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(canvas, &move);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, to);
        QCOMPARE(drawn.count(), 1);
        QCOMPARE(drawn.first().at(0).toLongLong(), face.photoId);
        const QRect box = drawn.first().at(1).toRect();
        const double slack = 2.0 / f + 2;
        QVERIFY2(std::abs(box.left() - face.box.left()) <= slack &&
                     std::abs(box.top() - face.box.top()) <= slack &&
                     std::abs(box.width() - face.box.width()) <= 2 * slack,
                 qPrintable(QStringLiteral("drawn %1,%2 %3x%4")
                                .arg(box.x())
                                .arg(box.y())
                                .arg(box.width())
                                .arg(box.height())));

        // A drawn face in a viewer the window opened: dragged, it is analysed
        // from its new box; resized by a corner; removed with Delete; each
        // step taken back by Ctrl+Z in the viewer, and shown again there.
        Catalog &catalog = w.controller()->catalog();
        QFile file(photo->path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        AnalyzerOptions options;
        options.encoder = catalog.encoder().value_or(EncoderModel::ArcFace);
        FaceAnalyzer analyzer(FaceModels::load(), options);
        const QRect corner(4, 4, full.width() / 6, full.width() / 6);
        const auto analysed = analyzer.analyzeBox(file.readAll(), corner);
        QVERIFY(analysed);
        const qint64 drawnId = w.controller()->addDrawnFace(face.photoId, *analysed, person);
        QVERIFY2(drawnId > 0, qPrintable(w.controller()->service().errorString()));
        const auto embeddingOf = [&](qint64 id) {
            QSqlQuery q(catalog.database());
            q.prepare(QStringLiteral("SELECT embedding FROM face_vectors WHERE face_id = ?"));
            q.addBindValue(id);
            return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
        };
        const auto personOfFace = [&](qint64 id) {
            QSqlQuery q(catalog.database());
            q.prepare(QStringLiteral("SELECT coalesce(person_id, 0) FROM faces WHERE id = ?"));
            q.addBindValue(id);
            return q.exec() && q.next() ? q.value(0).toLongLong() : qint64(-1);
        };
        const QByteArray firstEmbedding = embeddingOf(drawnId);
        PhotoViewer *v = w.showPhoto(face.photoId);
        v->resize(1000, 760);
        QTRY_VERIFY_WITH_TIMEOUT(v->isLoaded(), 20000);
        const QRect start = v->boxOf(drawnId);
        QCOMPARE(start, corner);
        QWidget *vc = v->canvas();
        const auto drag = [&](QPoint from, QPoint to) {
            QTest::mousePress(vc, Qt::LeftButton, {}, from);
            QMouseEvent m(QEvent::MouseMove, QPointF(to), vc->mapToGlobal(QPointF(to)),
                          Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(vc, &m);
            QTest::mouseRelease(vc, Qt::LeftButton, {}, to);
        };
        // A detected face is not moved by a drag.
        const QRect detected = face.box;
        drag(v->canvasPoint(detected.center()), v->canvasPoint(detected.center()) + QPoint(40, 30));
        QCOMPARE(v->selectedFace(), 0);
        QCOMPARE(catalog.facesOfPhoto(face.photoId).front().box, detected);
        // Moved: the box follows the mouse and the face is analysed again.
        const QPoint grab = v->canvasPoint(start.center());
        drag(grab, grab + QPoint(40, 30));
        QCOMPARE(v->selectedFace(), drawnId);
        QTRY_VERIFY_WITH_TIMEOUT(v->boxOf(drawnId) != start, 30000);
        const QRect moved = v->boxOf(drawnId);
        const double fv =
            double(full.scaled(vc->size(), Qt::KeepAspectRatio).width()) / full.width();
        QVERIFY2(std::abs(moved.x() - (start.x() + 40 / fv)) <= 2 / fv + 2 &&
                     std::abs(moved.y() - (start.y() + 30 / fv)) <= 2 / fv + 2,
                 qPrintable(QStringLiteral("moved to %1,%2").arg(moved.x()).arg(moved.y())));
        QCOMPARE(moved.size(), start.size());
        QVERIFY(embeddingOf(drawnId) != firstEmbedding);
        // Resized from its bottom-right corner; the top-left one stays.
        const QPoint cornerAt = v->canvasPoint(moved.bottomRight());
        drag(cornerAt, cornerAt + QPoint(30, 30));
        QTRY_VERIFY_WITH_TIMEOUT(v->boxOf(drawnId).width() > moved.width(), 30000);
        const QRect resized = v->boxOf(drawnId);
        QVERIFY(std::abs(resized.x() - moved.x()) <= 2 / fv + 2);
        // Ctrl+Z twice: the box is back where it was drawn, with its analysis.
        QTest::keyClick(v, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(v->boxOf(drawnId), moved);
        QTest::keyClick(v, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(v->boxOf(drawnId), start);
        QCOMPARE(embeddingOf(drawnId), firstEmbedding);
        QTest::keyClick(v, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(v->boxOf(drawnId), moved);
        // Delete removes the selected drawn face; Ctrl+Z puts it back in its person.
        QTest::mouseClick(vc, Qt::LeftButton, {}, v->canvasPoint(moved.center()));
        QCOMPARE(v->selectedFace(), drawnId);
        QTest::keyClick(v, Qt::Key_Delete);
        QVERIFY(v->boxOf(drawnId).isNull());
        QCOMPARE(personOfFace(drawnId), -1);
        QTest::keyClick(v, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(v->boxOf(drawnId), moved);
        QCOMPARE(personOfFace(drawnId), person);
        QVERIFY(v->labels().contains(QStringLiteral("Sample Person")));

        // "This photo also shows…": a tag is listed under the photo; its
        // button takes it off, Ctrl+Z puts it back.
        qint64 elsewhere = 0;
        for (const FaceRecord &r : catalog.faces(false))
            if (r.photoId != face.photoId && r.personId.value_or(0) != person) {
                elsewhere = r.id;
                break;
            }
        QVERIFY(elsewhere > 0);
        const qint64 gran = w.controller()->splitToNewPerson({elsewhere});
        QVERIFY(gran > 0 && w.controller()->rename(gran, QStringLiteral("Gran")));
        QVERIFY(!w.controller()->service().tagPerson(face.photoId, person)); // has a face there
        QVERIFY(w.controller()->tagPerson(face.photoId, gran));
        QCOMPARE(v->tagNames(), QStringList{QStringLiteral("Gran")});
        // Who is in the photo is listed under it; a click shows that person.
        QVERIFY(v->personsShown().contains(person));
        QVERIFY(v->personsShown().contains(gran));
        for (QToolButton *b : v->findChildren<QToolButton *>())
            if (b->property("goToPerson").toLongLong() == gran)
                b->click();
        QCOMPARE(w.currentPerson(), gran);
        auto *untag = v->findChild<QToolButton *>(QStringLiteral("untag"));
        QVERIFY(untag);
        untag->click();
        QVERIFY(v->tagNames().isEmpty());
        QVERIFY(catalog.taggedPersons(face.photoId).empty());
        QTest::keyClick(v, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(v->tagNames(), QStringList{QStringLiteral("Gran")});
        v->close();
    }

    void aDlibCatalogIsReencodedAndRegroupedBeforeTheScan()
    {
        const QString samples = samplesDir();
        QVERIFY2(!samples.isEmpty(), qPrintable(missingSamplesMessage()));
        QHash<qint64, QString> names;
        int faces = 0;
        const QString path = makeDlibLibrary(QStringLiteral("dlib.sqlite"), &names, &faces);
        QVERIFY(!path.isEmpty());

        MainWindow w(path);
        QVERIFY(w.open());
        w.show();
        // ArcFace is the default choice.
        QCOMPARE(w.work()->encoder(), EncoderModel::ArcFace);
        QVERIFY(encoderAction(w, EncoderModel::ArcFace)->isChecked());
        QCOMPARE(w.controller()->undoStack()->count(), 2);

        QSignalSpy jobs(w.work(), &BackgroundWork::jobChanged);
        QSignalSpy reencoded(w.work(), &BackgroundWork::reencodeFinished);
        QSignalSpy clustered(w.work(), &BackgroundWork::clusterFinished);
        QSignalSpy scanned(w.work(), &BackgroundWork::scanFinished);
        QSignalSpy missing(w.work(), &BackgroundWork::modelsMissing);
        w.scanFolders({samples});
        QVERIFY(w.work()->busy());
        QTRY_VERIFY_WITH_TIMEOUT(
            (scanned.count() == 1 && !w.work()->busy()) || missing.count() == 1, 240000);
        QVERIFY2(missing.isEmpty(), missing.isEmpty() ? "" : qPrintable(missing[0][0].toString()));

        // Re-encoding, then the regrouping, then the scan, each off the UI thread.
        QList<BackgroundWork::Job> order;
        for (const QList<QVariant> &args : std::as_const(jobs)) {
            const auto job = args[0].value<BackgroundWork::Job>();
            if (job != BackgroundWork::Job::LoadingModels)
                order << job;
        }
        using Job = BackgroundWork::Job;
        QCOMPARE(order, (QList<Job>{Job::Reencoding, Job::Clustering, Job::Scanning,
                                    Job::Clustering, Job::None}));
        QCOMPARE(reencoded.count(), 1);
        const auto summary = reencoded[0][0].value<ReencodeSummary>();
        QVERIFY2(summary.ok, qPrintable(summary.error));
        QVERIFY(!summary.cancelled);
        QCOMPARE(summary.faces, faces);
        QCOMPARE(summary.left, 0);
        // The regrouping is recorded; the scan's own clustering is not.
        QVERIFY(clustered.count() >= 2);
        QVERIFY(clustered[0][1].toBool());
        QVERIFY(clustered[0][0].value<ClusterSummary>().ok);
        QVERIFY(clustered[0][0].value<ClusterSummary>().full);
        QCOMPARE(scanned[0][0].value<ScanSummary>().analysed, 0);

        Catalog &c = w.controller()->catalog();
        QCOMPARE(c.encoder(), std::optional(EncoderModel::ArcFace));
        QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), 0);
        QCOMPARE(int(c.faces(false).size()), faces);
        for (auto it = names.cbegin(); it != names.cend(); ++it) {
            const auto person = w.controller()->service().person(it.key());
            QVERIFY2(person, qPrintable(it.value()));
            QCOMPARE(person->name, it.value());
            QVERIFY(person->faces > 0);
        }

        // One undo step, named for the regrouping, on top of the user's edits.
        QUndoStack *undo = w.controller()->undoStack();
        QCOMPARE(undo->count(), 3);
        int regroups = 0;
        for (int i = 0; i < undo->count(); ++i)
            if (undo->text(i).startsWith(QStringLiteral("Regroup")))
                ++regroups;
        QCOMPARE(regroups, 1);
        QCOMPARE(undo->undoText(), QStringLiteral("Regroup with ArcFace"));
        undo->undo();
        QCOMPARE(undo->index(), 2);
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            QCOMPARE(w.controller()->service().person(it.key())->name, it.value());
        // Undoing the grouping leaves the faces ArcFace's.
        QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), 0);
        undo->redo();
        QCOMPARE(undo->index(), 3);

        // A later scan has nothing to re-encode.
        jobs.clear();
        w.scanFolders({samples});
        QTRY_VERIFY_WITH_TIMEOUT(scanned.count() == 2 && !w.work()->busy(), 120000);
        for (const QList<QVariant> &args : std::as_const(jobs))
            QVERIFY(args[0].value<BackgroundWork::Job>() != BackgroundWork::Job::Reencoding);
        QCOMPARE(reencoded.count(), 1);
        QCOMPARE(undo->count(), 3);
    }

    void stoppingTheReencodingKeepsItsWorkAndTheNextScanResumes()
    {
        const QString samples = samplesDir();
        QVERIFY2(!samples.isEmpty(), qPrintable(missingSamplesMessage()));
        QHash<qint64, QString> names;
        int faces = 0;
        const QString path = makeDlibLibrary(QStringLiteral("dlib-stop.sqlite"), &names, &faces);
        QVERIFY(!path.isEmpty());

        MainWindow w(path);
        QVERIFY(w.open());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy reencoded(w.work(), &BackgroundWork::reencodeFinished);
        QSignalSpy scanned(w.work(), &BackgroundWork::scanFinished);
        QSignalSpy missing(w.work(), &BackgroundWork::modelsMissing);
        // Esc as soon as the re-encoding starts.
        const auto stopper =
            connect(w.work(), &BackgroundWork::jobChanged, w.work(), [&w](BackgroundWork::Job job) {
                if (job == BackgroundWork::Job::Reencoding)
                    QTest::keyClick(&w, Qt::Key_Escape);
            });
        w.scanFolders({samples});
        QTRY_VERIFY_WITH_TIMEOUT(
            (reencoded.count() == 1 && !w.work()->busy()) || missing.count() == 1, 120000);
        QVERIFY(missing.isEmpty());
        disconnect(stopper);
        const auto first = reencoded[0][0].value<ReencodeSummary>();
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(first.cancelled);
        // Nothing followed: no regrouping, no scan; what was done stays.
        QCOMPARE(scanned.count(), 0);
        QCOMPARE(w.controller()->undoStack()->count(), 2);
        Catalog &c = w.controller()->catalog();
        QCOMPARE(c.encoder(), std::optional(EncoderModel::ArcFace));
        QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), first.left);
        QCOMPARE(first.faces + first.left, faces);

        // The next scan re-encodes the rest, regroups and scans.
        w.scanFolders({samples});
        QTRY_VERIFY_WITH_TIMEOUT(scanned.count() == 1 && !w.work()->busy(), 120000);
        QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), 0);
        if (first.left > 0) {
            QCOMPARE(reencoded.count(), 2);
            QCOMPARE(reencoded[1][0].value<ReencodeSummary>().faces, first.left);
            QCOMPARE(w.controller()->undoStack()->undoText(),
                     QStringLiteral("Regroup with ArcFace"));
        }
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            QCOMPARE(w.controller()->service().person(it.key())->name, it.value());
    }

    void choosingAnotherModelReencodesAtOnce()
    {
        const QString samples = samplesDir();
        QVERIFY2(!samples.isEmpty(), qPrintable(missingSamplesMessage()));
        QHash<qint64, QString> names;
        int faces = 0;
        const QString path = makeDlibLibrary(QStringLiteral("dlib-menu.sqlite"), &names, &faces);
        QVERIFY(!path.isEmpty());
        // The user kept dlib so far, for this library's folder.
        QSettings().setValue(QStringLiteral("scan/encoder"), QStringLiteral("dlib"));
        QSettings().setValue(QStringLiteral("library/folders"), QStringList{samples});
        MainWindow w(path);
        QVERIFY(w.open());
        QSettings().remove(QStringLiteral("scan/encoder"));
        QSettings().remove(QStringLiteral("library/folders"));
        QCOMPARE(w.work()->encoder(), EncoderModel::Dlib);
        QSignalSpy scanned(w.work(), &BackgroundWork::scanFinished);
        QSignalSpy missing(w.work(), &BackgroundWork::modelsMissing);

        encoderAction(w, EncoderModel::ArcFace)->trigger();
        QVERIFY(w.work()->busy()); // a rescan, as File > Rescan starts it
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("background")),
                 qPrintable(w.statusBar()->currentMessage()));
        // Another choice while it runs waits for the next scan.
        encoderAction(w, EncoderModel::Dlib)->trigger();
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("next scan")),
                 qPrintable(w.statusBar()->currentMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(
            (scanned.count() == 1 && !w.work()->busy()) || missing.count() == 1, 120000);
        QVERIFY(missing.isEmpty());
        // The run kept the model it started with.
        Catalog &c = w.controller()->catalog();
        QCOMPARE(c.encoder(), std::optional(EncoderModel::ArcFace));
        QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), 0);
        QCOMPARE(w.controller()->undoStack()->undoText(), QStringLiteral("Regroup with ArcFace"));
        QCOMPARE(w.work()->encoder(), EncoderModel::Dlib);
    }

    void theChosenModelIsRemembered()
    {
        const QString path = m_dir.filePath(QStringLiteral("model-choice.sqlite"));
        {
            MainWindow w(path);
            QVERIFY(w.open());
            QAction *dlib = encoderAction(w, EncoderModel::Dlib);
            QAction *arcFace = encoderAction(w, EncoderModel::ArcFace);
            QVERIFY(dlib && arcFace);
            QVERIFY(arcFace->isChecked());
            QVERIFY(!dlib->isChecked());
            dlib->trigger();
            QVERIFY(dlib->isChecked());
            QVERIFY(!arcFace->isChecked()); // one model at a time
            QCOMPARE(w.work()->encoder(), EncoderModel::Dlib);
            // An empty catalog has nothing to re-encode: no work starts.
            QVERIFY(!w.work()->busy());
            w.close();
        }
        QCOMPARE(QSettings().value(QStringLiteral("scan/encoder")).toString(),
                 QStringLiteral("dlib"));
        {
            MainWindow w(path);
            QVERIFY(w.open());
            QCOMPARE(w.work()->encoder(), EncoderModel::Dlib);
            QVERIFY(encoderAction(w, EncoderModel::Dlib)->isChecked());
            encoderAction(w, EncoderModel::ArcFace)->trigger();
            QCOMPARE(w.work()->encoder(), EncoderModel::ArcFace);
            w.close();
        }
        QCOMPARE(QSettings().value(QStringLiteral("scan/encoder")).toString(),
                 QStringLiteral("arcface"));
        MainWindow w(path);
        QVERIFY(w.open());
        QCOMPARE(w.work()->encoder(), EncoderModel::ArcFace);
        QVERIFY(encoderAction(w, EncoderModel::ArcFace)->isChecked());
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
