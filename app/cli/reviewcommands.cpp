// facefolio-cli suggest / answer: the review questions (people/reviewquestions.h)
// for scripts, and one answer at a time, recorded like any other edit.

#include "catalog/catalog.h"
#include "cliutil.h"
#include "commands.h"
#include "people/peopleservice.h"
#include "people/reviewquestions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>
#include <cmath>

namespace facefolio::cli {

namespace {

QString personText(PeopleService &people, qint64 id)
{
    const auto p = people.person(id);
    return p ? QStringLiteral("%1 (%2 faces)").arg(p->displayName()).arg(p->faces)
             : QString::number(id);
}

} // namespace

int cmdSuggest(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Print the open review questions, best first: \"same-person A B\" (are "
                       "persons A and B one person?) and \"face F P\" (is face F person P?). "
                       "Answer them with `facefolio-cli answer`."));
    const QCommandLineOption json({QStringLiteral("json")},
                                  QStringLiteral("One JSON object per line."));
    const QCommandLineOption limit(
        {QStringLiteral("limit")},
        QStringLiteral("Print at most N questions (default 20; 0: all)."), QStringLiteral("N"),
        QStringLiteral("20"));
    p.addOptions({json, limit});
    if (!parse(p, args))
        return 2;
    bool ok = false;
    const int max = p.value(limit).toInt(&ok);
    if (!ok || max < 0)
        return failWith(QStringLiteral("--limit takes a number of questions"), 2);
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    ReviewQuestions questions;
    if (!questions.load(catalog))
        return failWith(
            QStringLiteral("cannot compute the questions: %1").arg(questions.errorString()));
    PeopleService people(catalog);
    int printed = 0;
    for (const ReviewQuestion &q : questions.questions()) {
        if (max && printed >= max)
            break;
        ++printed;
        const bool same = q.kind == ReviewQuestion::Kind::SamePerson;
        if (p.isSet(json)) {
            QJsonObject o{{QStringLiteral("kind"),
                           same ? QStringLiteral("same-person") : QStringLiteral("face")},
                          {QStringLiteral("score"), std::round(q.score * 1e4) / 1e4}};
            if (same) {
                o.insert(QStringLiteral("persons"), QJsonArray{q.personA, q.personB});
            } else {
                o.insert(QStringLiteral("face"), q.face);
                o.insert(QStringLiteral("person"), q.personA);
            }
            out(QJsonDocument(o).toJson(QJsonDocument::Compact));
        } else if (same) {
            out(QStringLiteral("same-person %1 %2   %3 and %4? (score %5)")
                    .arg(q.personA)
                    .arg(q.personB)
                    .arg(personText(people, q.personA), personText(people, q.personB))
                    .arg(q.score, 0, 'f', 3)
                    .toUtf8());
        } else {
            out(QStringLiteral("face %1 %2   is face %1 %3? (score %4)")
                    .arg(q.face)
                    .arg(q.personA)
                    .arg(personText(people, q.personA))
                    .arg(q.score, 0, 'f', 3)
                    .toUtf8());
        }
    }
    if (questions.questions().empty() && !p.isSet(json))
        out("no open questions");
    return 0;
}

int cmdAnswer(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Answer one review question; every answer is remembered and can be "
                       "undone. yes merges the persons or moves the face (confirmed); no keeps "
                       "them apart from then on."));
    p.addPositionalArgument(QStringLiteral("QUESTION"),
                            QStringLiteral("same-person A B yes|no, or face F P yes|no"));
    if (!parse(p, args))
        return 2;
    const QStringList words = p.positionalArguments();
    const QString usageText =
        QStringLiteral("usage: facefolio-cli answer same-person A B yes|no | face F P yes|no");
    if (words.size() != 4 ||
        (words[0] != QLatin1String("same-person") && words[0] != QLatin1String("face")) ||
        (words[3] != QLatin1String("yes") && words[3] != QLatin1String("no")))
        return failWith(usageText, 2);
    QList<qint64> ids;
    if (!parseIds(words.mid(1, 2), ids))
        return 2;
    const bool yes = words[3] == QLatin1String("yes");
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    PeopleService people(catalog);
    const auto gone = [](const QString &what) {
        return failWith(QStringLiteral("%1; the question is out of date, run `facefolio-cli "
                                       "suggest` again")
                            .arg(what));
    };

    if (words[0] == QLatin1String("same-person")) {
        const qint64 a = ids[0], b = ids[1];
        if (a == b)
            return failWith(QStringLiteral("a person is always the same person as itself"), 2);
        const auto pa = people.person(a), pb = people.person(b);
        for (const auto &[id, info] : {std::pair{a, pa}, std::pair{b, pb}})
            if (!info)
                return gone(
                    QStringLiteral("person %1 no longer exists (merged or removed since)").arg(id));
        if (yes) {
            // The named one survives (merge keeps its name), else the larger.
            const bool intoA =
                !pa->name.isEmpty() || (pb->name.isEmpty() && pa->faces >= pb->faces);
            const qint64 into = intoA ? a : b, from = intoA ? b : a;
            if (!people.merge(from, into))
                return failWith(people.errorString());
            out(QStringLiteral("merged %1 into %2").arg(from).arg(into).toUtf8());
            return 0;
        }
        ReviewQuestions questions;
        if (!questions.load(catalog))
            return failWith(questions.errorString());
        const QList<qint64> facesA = questions.facesToSetApart(a, b);
        const QList<qint64> facesB = questions.facesToSetApart(b, a);
        if (facesA.isEmpty() || facesB.isEmpty())
            return gone(
                QStringLiteral("person %1 has no faces left").arg(facesA.isEmpty() ? a : b));
        if (!people.markDifferent(facesA, facesB))
            return failWith(people.errorString());
        out(QStringLiteral("persons %1 and %2 are different people").arg(a).arg(b).toUtf8());
        return 0;
    }

    const qint64 face = ids[0], person = ids[1];
    const auto info = people.person(person);
    if (!info)
        return gone(
            QStringLiteral("person %1 no longer exists (merged or removed since)").arg(person));
    QSqlQuery q(catalog.database());
    q.prepare(QStringLiteral("SELECT coalesce(person_id, 0) FROM faces WHERE id = ?"));
    q.addBindValue(face);
    if (!q.exec() || !q.next())
        return gone(QStringLiteral("face %1 no longer exists (its photo was rescanned)").arg(face));
    const qint64 now = q.value(0).toLongLong();
    q.finish();
    if (yes && now == person)
        return gone(QStringLiteral("face %1 is already in person %2").arg(face).arg(person));
    if (!people.reviewFaces(person, yes ? QList<qint64>{face} : QList<qint64>{},
                            yes ? QList<qint64>{} : QList<qint64>{face}))
        return failWith(people.errorString());
    out((yes ? QStringLiteral("face %1 is now %2") : QStringLiteral("face %1 is not %2"))
            .arg(face)
            .arg(info->displayName())
            .toUtf8());
    return 0;
}

} // namespace facefolio::cli
