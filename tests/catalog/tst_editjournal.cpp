// The undo history of people edits: every edit the user can make is undone
// to exactly the state before it and redone to exactly the state after it,
// the history survives closing the catalog, a new edit drops what was
// undone, and a whole re-cluster is one undoable step.

#include "catalog/catalog.h"
#include "catalog/editjournal.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"
#include "syntheticalbum.h"

#include <QDataStream>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace facefolio;
using namespace facefolio::test;

namespace {

// Everything an edit of people may change, as one comparable text.
QString state(Catalog &c)
{
    QStringList lines;
    QSqlQuery q(c.database());
    q.exec(QStringLiteral("SELECT id, coalesce(name, '-'), coalesce(cover_face_id, 0), hidden "
                          "FROM persons ORDER BY id"));
    while (q.next())
        lines << QStringLiteral("person %1 %2 cover %3 hidden %4")
                     .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString());
    q.exec(QStringLiteral("SELECT id, coalesce(person_id, 0), confirmed, not_face, clustered "
                          "FROM faces ORDER BY id"));
    while (q.next())
        lines << QStringLiteral("face %1 -> %2 c%3 n%4 k%5")
                     .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString(), q.value(4).toString());
    q.exec(QStringLiteral("SELECT face_id, person_id FROM face_rejections ORDER BY 1, 2"));
    while (q.next())
        lines << QStringLiteral("reject %1 %2").arg(q.value(0).toString(), q.value(1).toString());
    return lines.join(u'\n');
}

QList<qint64> facesOf(Catalog &c, qint64 person)
{
    QList<qint64> out;
    QSqlQuery q(c.database());
    q.prepare(QStringLiteral("SELECT id FROM faces WHERE person_id = ? ORDER BY id"));
    q.addBindValue(person);
    q.exec();
    while (q.next())
        out << q.value(0).toLongLong();
    return out;
}

} // namespace

class TestEditJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    // A clustered album of four people with six photos each, one of them
    // shared by two people.
    std::unique_ptr<Album> makeAlbum()
    {
        auto a = std::make_unique<Album>(m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_n)));
        if (!a->catalog.open())
            return nullptr;
        World w(4);
        for (int i = 0; i < 4; ++i)
            for (int k = 0; k < 6; ++k)
                a->addPhoto(w, {i});
        a->addPhoto(w, {0, 1});
        ClusterOptions o;
        Clusterer::run(a->catalog, o);
        return a;
    }

private Q_SLOTS:
    void everyEditUndoesAndRedoes_data()
    {
        QTest::addColumn<int>("edit");
        const char *names[] = {"rename", "rename again", "merge",        "move", "split",
                               "remove", "not a face",   "a face again", "hide", "cover"};
        for (int i = 0; i < int(std::size(names)); ++i)
            QTest::newRow(names[i]) << i;
    }

    void everyEditUndoesAndRedoes()
    {
        QFETCH(int, edit);
        auto a = makeAlbum();
        QVERIFY(a);
        PeopleService people(a->catalog);
        const auto persons = people.persons();
        QVERIFY(persons.size() >= 4);
        const qint64 p0 = persons[0].id, p1 = persons[1].id;
        const QList<qint64> f0 = facesOf(a->catalog, p0), f1 = facesOf(a->catalog, p1);
        QVERIFY(people.rename(p1, QStringLiteral("Bora")));
        QVERIFY(people.setNotFace({f1.last()}, true));

        const QString before = state(a->catalog);
        bool ok = false;
        switch (edit) {
        case 0:
            ok = people.rename(p0, QStringLiteral("Anna"));
            break;
        case 1:
            ok = people.rename(p1, QStringLiteral("Bora Kim"));
            break;
        case 2:
            ok = people.merge(p0, p1);
            break;
        case 3:
            ok = people.moveFaces(f0.mid(0, 2), p1);
            break;
        case 4:
            ok = people.splitToNewPerson(f0.mid(1, 3), QStringLiteral("New")) > 0;
            break;
        case 5:
            ok = people.removeFromPerson(f0.mid(0, 3));
            break;
        case 6:
            ok = people.setNotFace(f0.mid(0, 2), true);
            break;
        case 7:
            ok = people.setNotFace({f1.last()}, false);
            break;
        case 8:
            ok = people.setHidden(p0, true);
            break;
        case 9:
            ok = people.setCover(p0, f0.last());
            break;
        }
        QVERIFY2(ok, qPrintable(people.errorString()));
        const QString after = state(a->catalog);
        QVERIFY(after != before);

        QVERIFY2(people.undo(), qPrintable(people.errorString()));
        QCOMPARE(state(a->catalog), before);
        QVERIFY2(people.redo(), qPrintable(people.errorString()));
        QCOMPARE(state(a->catalog), after);
        QVERIFY(people.undo());
        QCOMPARE(state(a->catalog), before);
        // The two edits made before the one under test undo too.
        QVERIFY(people.undo());
        QVERIFY(people.undo());
        QVERIFY(!people.undo());
        QVERIFY(!people.errorString().isEmpty());
    }

    // A move of many faces at once (one statement per table) means what a
    // move of each face alone meant: every face ends confirmed in the
    // target, the person it left rejects it, the target no longer does.
    void aMoveOfManyFacesMeansWhatEachMoveMeans()
    {
        auto a = makeAlbum();
        QVERIFY(a);
        PeopleService people(a->catalog);
        const auto persons = people.persons();
        const qint64 p0 = persons[0].id, p1 = persons[1].id, p2 = persons[2].id;
        const QList<qint64> f0 = facesOf(a->catalog, p0), f1 = facesOf(a->catalog, p1),
                            f2 = facesOf(a->catalog, p2);
        // f2[0] was taken out of p1 once (p1 rejects it) and now is p2's;
        // f2[1] lost its person; f2[2] is marked as not a face.
        QVERIFY(people.moveFaces({f2[0]}, p1));
        QVERIFY(people.moveFaces({f2[0]}, p2));
        QVERIFY(people.removeFromPerson({f2[1]}));
        QVERIFY(people.setNotFace({f2[2]}, true));
        const QString before = state(a->catalog);

        const QList<qint64> moving = f0 + QList<qint64>{f1[0], f2[0], f2[1], f2[2], f1[0]};
        QVERIFY2(people.moveFaces(moving, p1), qPrintable(people.errorString()));
        QSqlQuery q(a->catalog.database());
        for (qint64 f : moving) {
            q.exec(QStringLiteral("SELECT person_id, confirmed, not_face FROM faces WHERE id = %1")
                       .arg(f));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), p1);
            QCOMPARE(q.value(1).toInt(), 1);
            QCOMPARE(q.value(2).toInt(), 0);
            q.exec(QStringLiteral("SELECT 1 FROM face_rejections WHERE face_id = %1 AND "
                                  "person_id = %2")
                       .arg(f)
                       .arg(p1));
            QVERIFY2(!q.next(), "the target no longer rejects a face moved to it");
        }
        for (qint64 f : f0) {
            q.exec(QStringLiteral("SELECT 1 FROM face_rejections WHERE face_id = %1 AND "
                                  "person_id = %2")
                       .arg(f)
                       .arg(p0));
            QVERIFY2(q.next(), "the person a face left rejects it");
        }
        q.exec(QStringLiteral("SELECT 1 FROM face_rejections WHERE face_id = %1 AND person_id = %2")
                   .arg(f2[0])
                   .arg(p2));
        QVERIFY(q.next());
        QCOMPARE(facesOf(a->catalog, p0), QList<qint64>{});

        QVERIFY(people.undo());
        QCOMPARE(state(a->catalog), before);

        // One face that is not there: nothing moves, and the message names it.
        QVERIFY(!people.moveFaces(f0 + QList<qint64>{987654}, p1));
        QVERIFY2(people.errorString().contains(QLatin1String("987654")),
                 qPrintable(people.errorString()));
        QCOMPARE(state(a->catalog), before);
    }

    void historySurvivesClosingTheCatalog()
    {
        auto a = makeAlbum();
        QVERIFY(a);
        const QString path = a->catalog.path();
        qint64 p0 = 0, p1 = 0;
        QString before, merged;
        {
            PeopleService people(a->catalog);
            p0 = people.persons()[0].id;
            p1 = people.persons()[1].id;
            QVERIFY(people.rename(p0, QStringLiteral("Anna")));
            before = state(a->catalog);
            QVERIFY(people.merge(p1, p0));
            merged = state(a->catalog);
        }
        a.reset();

        Catalog again(path);
        QVERIFY(again.open());
        PeopleService people(again);
        const auto history = people.history();
        QCOMPARE(history.size(), size_t(2));
        QVERIFY(history[0].label.contains(QStringLiteral("Anna")));
        QVERIFY(history[1].label.startsWith(QStringLiteral("Merge")));
        QVERIFY(!history[1].undone);
        QVERIFY(people.undo(history[1].id));
        QCOMPARE(state(again), before);
        QVERIFY(people.history()[1].undone);
        // Undo must follow the history's order.
        QVERIFY(!people.undo(history[1].id));
        QVERIFY(people.redo(history[1].id));
        QCOMPARE(state(again), merged);
    }

    void aNewEditDropsWhatWasUndone()
    {
        auto a = makeAlbum();
        QVERIFY(a);
        PeopleService people(a->catalog);
        const qint64 p0 = people.persons()[0].id;
        QVERIFY(people.rename(p0, QStringLiteral("A")));
        QVERIFY(people.rename(p0, QStringLiteral("B")));
        QVERIFY(people.undo());
        QVERIFY(people.rename(p0, QStringLiteral("C")));
        QVERIFY(!people.redo());
        QCOMPARE(people.history().size(), size_t(2));
        QCOMPARE(people.person(p0)->name, QStringLiteral("C"));
        QVERIFY(people.undo());
        QCOMPARE(people.person(p0)->name, QStringLiteral("A"));
        // Names that are no names are refused and recorded nowhere.
        QVERIFY(!people.rename(p0, QStringLiteral("  \t ")));
        QVERIFY(!people.errorString().isEmpty());
        QVERIFY(!people.rename(p0, QStringLiteral("A\u0007B")));
        QCOMPARE(people.history().size(), size_t(2));
    }

    void aReclusterIsOneUndoableStep()
    {
        auto a = makeAlbum();
        QVERIFY(a);
        PeopleService people(a->catalog);
        const auto persons = people.persons();
        // Disturb the clustering, then let a full re-cluster put things back.
        QVERIFY(people.splitToNewPerson(facesOf(a->catalog, persons[0].id).mid(0, 1)) > 0);
        QSqlQuery q(a->catalog.database());
        QVERIFY(q.exec(QStringLiteral("UPDATE faces SET confirmed = 0, clustered = 0")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM face_rejections")));
        const QString before = state(a->catalog);
        ClusterOptions o;
        o.full = true;
        QVERIFY(people.recordWhole(QStringLiteral("Re-cluster"),
                                   [&] { return Clusterer::run(a->catalog, o).ok; }));
        const QString after = state(a->catalog);
        QVERIFY(after != before);
        QVERIFY(people.undo());
        QCOMPARE(state(a->catalog), before);
        QVERIFY(people.redo());
        QCOMPARE(state(a->catalog), after);
    }

    void undoSkipsFacesARescanRemoved()
    {
        auto a = makeAlbum();
        QVERIFY(a);
        PeopleService people(a->catalog);
        const qint64 p0 = people.persons()[0].id, p1 = people.persons()[1].id;
        const QList<qint64> f0 = facesOf(a->catalog, p0);
        QVERIFY(people.moveFaces(f0, p1));
        // A rescan found no face in the first photo any more.
        QSqlQuery q(a->catalog.database());
        q.prepare(QStringLiteral("DELETE FROM faces WHERE id = ?"));
        q.addBindValue(f0[0]);
        QVERIFY(q.exec());
        QVERIFY2(people.undo(), qPrintable(people.errorString()));
        QCOMPARE(facesOf(a->catalog, p0), f0.mid(1));
    }

    // Entries written before schema 8 hold no "different people" pairs: they
    // still read, and applying them leaves those pairs alone.
    void entriesOfEarlierVersionsStillRead()
    {
        QByteArray v1;
        {
            QDataStream s(&v1, QIODevice::WriteOnly);
            s.setVersion(QDataStream::Qt_6_0);
            s << quint32(0x46464a31) << quint32(0) << quint32(1);
            s << qint64(5) << qint64(7) << true << false << true << QList<qint64>{9};
        }
        EditJournal::Snapshot old;
        QVERIFY(EditJournal::Snapshot::fromBytes(v1, old));
        QVERIFY(!old.hasDistinct);
        QCOMPARE(old.faces.size(), size_t(1));
        QCOMPARE(old.faces[0].person, 7);
        QCOMPARE(old.faces[0].rejectedBy, QList<qint64>{9});
        EditJournal::Snapshot now;
        now.faces.push_back({5, 7, true, false, true, {9}, {11, 12}, true, {}});
        EditJournal::Snapshot::Face drawn;
        drawn.id = 6;
        drawn.drawn =
            EditJournal::Snapshot::Face::Drawn{3, QRect(1, 2, 30, 40), "marks", "vec", "jpeg", 1};
        now.faces.push_back(drawn);
        EditJournal::Snapshot::Person tagged;
        tagged.id = 4;
        tagged.exists = true;
        tagged.tags = {8, 9};
        now.persons.push_back(tagged);
        EditJournal::Snapshot back;
        QVERIFY(EditJournal::Snapshot::fromBytes(now.toBytes(), back));
        QVERIFY(back.hasDistinct);
        QVERIFY(back.hasManual);
        QCOMPARE(back.faces[0].distinctFrom, (QList<qint64>{11, 12}));
        QVERIFY(!back.faces[0].drawn);
        QVERIFY(back.faces[1].drawn);
        QCOMPARE(back.faces[1].drawn->box, QRect(1, 2, 30, 40));
        QCOMPARE(back.faces[1].drawn->chip, QByteArray("jpeg"));
        QCOMPARE(back.persons[0].tags, (QList<qint64>{8, 9}));
    }

    void theHistoryIsBounded()
    {
        auto a = makeAlbum();
        QVERIFY(a);
        PeopleService people(a->catalog);
        const qint64 p0 = people.persons()[0].id;
        for (int i = 0; i < EditJournal::kMaxEntries + 20; ++i)
            QVERIFY(people.rename(p0, QStringLiteral("Name %1").arg(i)));
        QCOMPARE(people.history().size(), size_t(EditJournal::kMaxEntries));
        QVERIFY(people.history().back().label.contains(
            QStringLiteral("Name %1").arg(EditJournal::kMaxEntries + 19)));
    }
};

QTEST_GUILESS_MAIN(TestEditJournal)
#include "tst_editjournal.moc"
