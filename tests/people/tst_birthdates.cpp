// Birth dates and ages (issue 19): the age on a photo's date, counted as
// people count it across birthdays and leap years; a birth date set, changed
// and removed as undoable steps that survive a merge and a re-cluster.

#include "catalog/catalog.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"
#include "people/personage.h"
#include "syntheticalbum.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace facefolio;
using namespace facefolio::test;

class TestBirthDates : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

private Q_SLOTS:
    void ageOnAPhotoDate_data()
    {
        QTest::addColumn<QDate>("birth");
        QTest::addColumn<QDate>("on");
        QTest::addColumn<int>("years"); // -1: no age
        QTest::addColumn<int>("months");
        QTest::addColumn<QString>("text");
        const QDate mom(1990, 6, 15);
        QTest::newRow("the day before the birthday")
            << mom << QDate(2024, 6, 14) << 33 << 11 << "33 y";
        QTest::newRow("on the birthday") << mom << QDate(2024, 6, 15) << 34 << 0 << "34 y";
        QTest::newRow("the day after") << mom << QDate(2024, 6, 16) << 34 << 0 << "34 y";
        QTest::newRow("the day of birth") << mom << mom << 0 << 0 << "0 mo";
        QTest::newRow("before birth") << mom << QDate(1990, 6, 14) << -1 << 0 << "";
        QTest::newRow("a baby of 8 months")
            << QDate(2023, 1, 10) << QDate(2023, 9, 10) << 0 << 8 << "8 mo";
        QTest::newRow("not yet 8 months")
            << QDate(2023, 1, 10) << QDate(2023, 9, 9) << 0 << 7 << "7 mo";
        QTest::newRow("23 months is still in months")
            << QDate(2021, 3, 1) << QDate(2023, 2, 28) << 1 << 11 << "23 mo";
        QTest::newRow("two years") << QDate(2021, 3, 1) << QDate(2023, 3, 1) << 2 << 0 << "2 y";
        // Born on 29 February: a year older on 1 March in other years, on
        // 29 February in leap years.
        const QDate leap(2020, 2, 29);
        QTest::newRow("leap: 28 Feb of a common year")
            << leap << QDate(2023, 2, 28) << 2 << 11 << "2 y";
        QTest::newRow("leap: 1 Mar of a common year")
            << leap << QDate(2023, 3, 1) << 3 << 0 << "3 y";
        QTest::newRow("leap: 28 Feb of a leap year")
            << leap << QDate(2024, 2, 28) << 3 << 11 << "3 y";
        QTest::newRow("leap: 29 Feb of a leap year")
            << leap << QDate(2024, 2, 29) << 4 << 0 << "4 y";
        QTest::newRow("leap: first birthday") << leap << QDate(2021, 3, 1) << 1 << 0 << "12 mo";
        QTest::newRow("leap: not yet one") << leap << QDate(2021, 2, 28) << 0 << 11 << "11 mo";
        // 2000 was a leap year, 1900 was not.
        QTest::newRow("born 29 Feb 2000, on 29 Feb 2100 (not leap)")
            << QDate(2000, 2, 29) << QDate(2100, 2, 28) << 99 << 11 << "99 y";
        QTest::newRow("a month of 31 days into one of 30")
            << QDate(2010, 1, 31) << QDate(2010, 4, 30) << 0 << 2 << "2 mo";
        QTest::newRow("an unknown birth date") << QDate() << QDate(2024, 1, 1) << -1 << 0 << "";
    }

    void ageOnAPhotoDate()
    {
        QFETCH(QDate, birth);
        QFETCH(QDate, on);
        QFETCH(int, years);
        QFETCH(int, months);
        QFETCH(QString, text);
        const std::optional<Age> age = ageOn(birth, on);
        if (years < 0) {
            QVERIFY(!age);
            return;
        }
        QVERIFY(age);
        QCOMPARE(age->years, years);
        QCOMPARE(age->months, months);
        QCOMPARE(ageText(*age), text);
    }

    void aBirthDateIsOneUndoableStep()
    {
        World w(2);
        Album album(m_dir.filePath(QStringLiteral("b%1.sqlite").arg(++m_n)));
        QVERIFY(album.catalog.open());
        QList<qint64> minji;
        for (int k = 0; k < 5; ++k)
            minji << album.addPhoto(w, {0});
        Clusterer::run(album.catalog, {});
        const qint64 id = album.personOf(minji[0]);
        QVERIFY(id > 0);
        PeopleService people(album.catalog);
        QVERIFY(people.rename(id, QStringLiteral("Minji")));
        QVERIFY(!people.person(id)->birthDate.isValid());

        QVERIFY2(people.setBirthDate(id, QDate(2019, 2, 28)), qPrintable(people.errorString()));
        QCOMPARE(people.person(id)->birthDate, QDate(2019, 2, 28));
        QCOMPARE(people.history().back().label,
                 QStringLiteral("Set the birth date of \u201cMinji\u201d"));
        QVERIFY(people.setBirthDate(id, QDate(2019, 3, 1)));
        QVERIFY(people.undo());
        QCOMPARE(people.person(id)->birthDate, QDate(2019, 2, 28));
        QVERIFY(people.undo());
        QVERIFY(!people.person(id)->birthDate.isValid());
        QCOMPARE(people.person(id)->name, QStringLiteral("Minji")); // the rename stays
        QVERIFY(people.redo());
        QCOMPARE(people.person(id)->birthDate, QDate(2019, 2, 28));
        // Removing it is a step too.
        QVERIFY(people.setBirthDate(id, QDate()));
        QVERIFY(!people.person(id)->birthDate.isValid());
        QCOMPARE(people.history().back().label,
                 QStringLiteral("Remove the birth date of \u201cMinji\u201d"));
        QVERIFY(people.undo());
        QCOMPARE(people.person(id)->birthDate, QDate(2019, 2, 28));

        // Refused, with nothing recorded: the future, before 1800, no person.
        const size_t entries = people.history().size();
        QVERIFY(!people.setBirthDate(id, QDate::currentDate().addDays(1)));
        QVERIFY(people.errorString().contains(QStringLiteral("future")));
        QVERIFY(!people.setBirthDate(id, QDate(1799, 12, 31)));
        QVERIFY(!people.setBirthDate(id + 100, QDate(2000, 1, 1)));
        QCOMPARE(people.history().size(), entries);
        QCOMPARE(people.person(id)->birthDate, QDate(2019, 2, 28));
    }

    void aBirthDateSurvivesMergeAndRecluster()
    {
        World w(3);
        Album album(m_dir.filePath(QStringLiteral("b%1.sqlite").arg(++m_n)));
        QVERIFY(album.catalog.open());
        QList<qint64> a, b;
        for (int k = 0; k < 5; ++k) {
            a << album.addPhoto(w, {0});
            b << album.addPhoto(w, {1});
        }
        Clusterer::run(album.catalog, {});
        const qint64 pa = album.personOf(a[0]), pb = album.personOf(b[0]);
        QVERIFY(pa > 0 && pb > 0 && pa != pb);
        PeopleService people(album.catalog);
        // An unnamed person with a birth date is kept by a full re-cluster,
        // as a named one is.
        QVERIFY(people.setBirthDate(pb, QDate(1950, 7, 1)));
        ClusterOptions full;
        full.full = true;
        Clusterer::run(album.catalog, full);
        bool kept = false;
        for (const PersonInfo &p : people.persons())
            kept = kept || p.birthDate == QDate(1950, 7, 1);
        QVERIFY2(kept, "a full re-cluster lost the birth date of an unnamed person");

        // A merge into a person without a birth date carries it over; the
        // survivor's own birth date wins over the other's.
        const qint64 born = [&] {
            for (const PersonInfo &p : people.persons())
                if (p.birthDate.isValid())
                    return p.id;
            return qint64(0);
        }();
        QVERIFY(born > 0);
        const qint64 other = album.personOf(a[0]);
        QVERIFY(other != born);
        QVERIFY(people.merge(born, other));
        QCOMPARE(people.person(other)->birthDate, QDate(1950, 7, 1));
        QVERIFY(people.undo());
        QCOMPARE(people.person(born)->birthDate, QDate(1950, 7, 1));
        QVERIFY(!people.person(other)->birthDate.isValid());
        QVERIFY(people.setBirthDate(other, QDate(1980, 1, 1)));
        QVERIFY(people.merge(born, other));
        QCOMPARE(people.person(other)->birthDate, QDate(1980, 1, 1));
    }
};

QTEST_GUILESS_MAIN(TestBirthDates)
#include "tst_birthdates.moc"
