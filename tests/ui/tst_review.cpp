// The Review view, driven by its keys as a user drives it (offscreen): the
// badge counts the questions; N keeps a split person apart and Ctrl+Z takes
// that back; Y merges; Space asks later; "More photos of Mom?" confirms the
// ticked faces and rejects the unticked in one step. Its models pass
// QAbstractItemModelTester.

#include "catalog/catalog.h"
#include "mainwindow.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"
#include "peoplecontroller.h"
#include "reviewdialog.h"
#include "reviewfacemodel.h"
#include "reviewsession.h"
#include "strictnessdialog.h"
#include "syntheticalbum.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace facefolio;
using namespace facefolio::test;

namespace {

int count(Catalog &c, const char *sql)
{
    QSqlQuery q(c.database());
    return q.exec(QString::fromLatin1(sql)) && q.next() ? q.value(0).toInt() : -1;
}

} // namespace

class TestReview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;
    QList<qint64> m_young, m_old, m_odd;
    QList<QList<qint64>> m_others;

    // Identity 0 photographed young and old (two groups 0.45 apart), a
    // second person split the same way, three strangers, and two odd faces of
    // the first person that the clustering leaves alone.
    QString makeCatalog()
    {
        const QString path = m_dir.filePath(QStringLiteral("review%1.sqlite").arg(++m_n));
        Album a(path);
        if (!a.catalog.open())
            qFatal("cannot open the catalog");
        World w(5, 11);
        const int later = w.drifted(0, 0.45f), otherLater = w.drifted(1, 0.45f);
        m_young.clear();
        m_old.clear();
        m_odd.clear();
        m_others.clear();
        for (int k = 0; k < 8; ++k)
            m_young << a.addPhoto(w, {0});
        for (int k = 0; k < 6; ++k)
            m_old << a.addPhoto(w, {later});
        for (int i : {1, otherLater, 2, 3, 4}) {
            QList<qint64> ids;
            for (int k = 0; k < 6; ++k)
                ids << a.addPhoto(w, {i});
            m_others << ids;
        }
        for (int k = 0; k < 2; ++k)
            m_odd << a.addPhoto(w, {w.drifted(0, 0.5f)})[0];
        if (!Clusterer::run(a.catalog, {}).ok)
            qFatal("cannot cluster");
        return path;
    }

    static ReviewDialog *openReview(MainWindow &w)
    {
        for (QAction *a : w.findChildren<QAction *>())
            if (a->shortcut() == QKeySequence(QStringLiteral("Ctrl+R"))) {
                a->trigger();
                break;
            }
        return w.reviewDialog();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("facefolio-test-review"));
    }

    void keysAnswerAndUndo()
    {
        const QString path = makeCatalog();
        MainWindow w(path);
        QVERIFY2(w.open(), qPrintable(w.errorString()));
        w.show();
        QTRY_VERIFY(w.reviewSession()->count() > 0);
        QVERIFY(w.reviewBadge()->isVisibleTo(&w));
        QVERIFY2(w.reviewBadge()->text().contains(QString::number(w.reviewSession()->count())),
                 qPrintable(w.reviewBadge()->text()));

        ReviewDialog *d = openReview(w);
        QVERIFY(d);
        QAbstractItemModelTester ta(d->modelA(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester tb(d->modelB(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(d->current().has_value());
        Catalog &c = w.controller()->catalog();
        const qint64 young = [&] {
            QSqlQuery q(c.database());
            q.prepare(QStringLiteral("SELECT person_id FROM faces WHERE id = ?"));
            q.addBindValue(m_young[0]);
            return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
        }();
        // The split persons come first; each side shows a few faces.
        QCOMPARE(d->current()->kind, ReviewQuestion::Kind::SamePerson);
        QVERIFY(d->modelA()->rowCount() >= 2 && d->modelB()->rowCount() >= 2);
        const ReviewQuestion first = *d->current();

        // N: remembered, and the next question is on screen at once.
        QTest::keyClick(d, Qt::Key_N);
        QVERIFY(count(c, "SELECT count(*) FROM face_distinct") > 0);
        QVERIFY(!d->current() || !(*d->current() == first));

        // Ctrl+Z: the answer is gone and its question comes back.
        QTest::keyClick(d, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(count(c, "SELECT count(*) FROM face_distinct"), 0);
        QTRY_VERIFY(d->current() && d->current()->kind == first.kind &&
                    d->current()->personA == first.personA &&
                    d->current()->personB == first.personB);

        // Space: asked later; another question takes its place.
        QTest::keyClick(d, Qt::Key_Space);
        QVERIFY(d->current());
        QVERIFY(!(d->current()->personA == first.personA &&
                  d->current()->personB == first.personB && d->current()->kind == first.kind));

        // Y on the first split person: one person, one undo step.
        const int persons = count(c, "SELECT count(*) FROM persons");
        while (d->current() &&
               !(d->current()->kind == ReviewQuestion::Kind::SamePerson &&
                 (d->current()->personA == young || d->current()->personB == young)))
            QTest::keyClick(d, Qt::Key_Space);
        QVERIFY(d->current());
        const int steps = w.controller()->undoStack()->index();
        QTest::keyClick(d, Qt::Key_Y);
        QCOMPARE(count(c, "SELECT count(*) FROM persons"), persons - 1);
        QCOMPARE(w.controller()->undoStack()->index(), steps + 1);
        QSqlQuery q(c.database());
        q.prepare(QStringLiteral("SELECT count(DISTINCT person_id) FROM faces WHERE id IN (?, ?)"));
        q.addBindValue(m_young[0]);
        q.addBindValue(m_old[0]);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        d->close();
    }

    void strictnessPreviewEqualsApply()
    {
        const QString path = makeCatalog();
        StrictnessDialog dlg(path, EncoderModel::Dlib, {});
        QCOMPARE(dlg.level(), 0);
        QSignalSpy ready(&dlg, &StrictnessDialog::previewReady);
        QVERIFY(ready.wait(10000));
        QVERIFY(dlg.preview().ok);
        QCOMPARE(dlg.preview().movedFaces, 0); // today's people, at today's strictness
        QVERIFY2(dlg.previewText().contains(QStringLiteral("Nothing")),
                 qPrintable(dlg.previewText()));
        // Looser: the split persons would be joined.
        dlg.setLevel(StrictnessDialog::kMinLevel);
        QVERIFY(dlg.previewText().isEmpty()); // computing
        QVERIFY(ready.wait(10000));
        const ClusterSummary preview = dlg.preview();
        QVERIFY(preview.ok);
        QVERIFY(preview.joinedPersons >= 1);
        QVERIFY2(dlg.previewText().contains(QString::number(preview.movedFaces)),
                 qPrintable(dlg.previewText()));
        const ClusterOptions apply = dlg.options();
        QVERIFY(apply.full && !apply.dryRun);
        QCOMPARE(apply.threshold,
                 StrictnessDialog::cutAt(StrictnessDialog::kMinLevel, EncoderModel::Dlib));
        Catalog c(path);
        QVERIFY(c.open());
        const ClusterSummary applied = Clusterer::run(c, apply);
        QCOMPARE(applied.movedFaces, preview.movedFaces);
        QCOMPARE(applied.joinedPersons, preview.joinedPersons);
        QCOMPARE(applied.splitPersons, preview.splitPersons);
    }

    void morePhotosOfMom()
    {
        const QString path = makeCatalog();
        {
            Catalog c(path);
            QVERIFY(c.open());
            PeopleService people(c);
            QSqlQuery q(c.database());
            q.prepare(QStringLiteral("SELECT person_id FROM faces WHERE id = ?"));
            q.addBindValue(m_young[0]);
            QVERIFY(q.exec() && q.next());
            const qint64 mom = q.value(0).toLongLong();
            q.finish();
            QVERIFY(people.rename(mom, QStringLiteral("Mom")));
            // The old group is Mom too, already answered: only faces remain.
            q.prepare(QStringLiteral("SELECT person_id FROM faces WHERE id = ?"));
            q.addBindValue(m_old[0]);
            QVERIFY(q.exec() && q.next());
            const qint64 old = q.value(0).toLongLong();
            q.finish();
            QVERIFY(people.merge(old, mom));
            for (qint64 f : m_odd) {
                q.prepare(QStringLiteral("SELECT coalesce(person_id, 0) FROM faces WHERE id = ?"));
                q.addBindValue(f);
                QVERIFY(q.exec() && q.next());
                if (q.value(0).toLongLong() != 0)
                    QSKIP("an odd face joined a person by itself");
            }
        }
        MainWindow w(path);
        QVERIFY(w.open());
        w.show();
        ReviewDialog *d = openReview(w);
        QVERIFY(d);
        QAbstractItemModelTester tb(d->modelB(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Skip to the question about Mom's faces.
        QTRY_VERIFY(d->current().has_value());
        for (int i = 0; i < 10 && d->current() && d->current()->kind != ReviewQuestion::Kind::Face;
             ++i)
            QTest::keyClick(d, Qt::Key_Space);
        QVERIFY(d->current() && d->current()->kind == ReviewQuestion::Kind::Face);
        const QList<qint64> shown = d->candidates();
        QVERIFY(!shown.isEmpty());
        for (qint64 f : shown)
            QVERIFY(m_odd.contains(f));
        QCOMPARE(d->modelB()->index(0).data(Qt::CheckStateRole).value<Qt::CheckState>(),
                 Qt::Checked);
        // Untick the first; Return confirms the rest and rejects it.
        QVERIFY(d->modelB()->setData(d->modelB()->index(0), Qt::Unchecked, Qt::CheckStateRole));
        const qint64 mom = d->current()->personA;
        QTest::keyClick(d, Qt::Key_Return);
        Catalog &c = w.controller()->catalog();
        QSqlQuery q(c.database());
        q.prepare(QStringLiteral("SELECT count(*) FROM face_rejections WHERE face_id = ? AND "
                                 "person_id = ?"));
        q.addBindValue(shown[0]);
        q.addBindValue(mom);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        q.finish();
        for (qint64 f : shown.mid(1)) {
            q.prepare(QStringLiteral("SELECT person_id, confirmed FROM faces WHERE id = ?"));
            q.addBindValue(f);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toLongLong(), mom);
            QVERIFY(q.value(1).toBool());
            q.finish();
        }
        // Never asked again about these faces.
        QTRY_VERIFY(!w.reviewSession()->busy());
        for (const ReviewQuestion &other : w.reviewSession()->questions()->questions())
            QVERIFY(other.kind != ReviewQuestion::Kind::Face || !shown.contains(other.face));
        d->close();
    }
};

QTEST_MAIN(TestReview)
#include "tst_review.moc"
