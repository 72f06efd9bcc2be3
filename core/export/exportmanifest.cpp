#include "export/exportmanifest.h"

#include "export/exporter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace facefolio {

namespace {

QString csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s;
    QString q = s;
    q.replace(u'"', QStringLiteral("\"\""));
    return u'"' + q + u'"';
}

bool writeIfChanged(const QString &path, const QByteArray &bytes, QString &error)
{
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes)
        return true;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace

bool ExportManifest::read(const QString &dir, QString &error)
{
    entries.clear();
    persons.clear();
    QFile f(QDir(dir).filePath(Exporter::manifestBaseName() + QStringLiteral(".json")));
    if (!f.exists())
        return true;
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isObject() || doc.object().value(QLatin1String("version")).toInt() != 1) {
        error = QStringLiteral("%1 is damaged or from a newer Facefolio; move it away to export "
                               "into this folder")
                    .arg(f.fileName());
        return false;
    }
    for (const QJsonValue &v : doc.object().value(QLatin1String("entries")).toArray()) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.person = o.value(QLatin1String("person")).toString();
        e.personId = o.value(QLatin1String("person_id")).toInteger();
        e.source = o.value(QLatin1String("source")).toString();
        e.target = o.value(QLatin1String("target")).toString();
        e.mode = o.value(QLatin1String("mode")).toString();
        e.size = o.value(QLatin1String("size")).toInteger();
        e.mtimeMs = o.value(QLatin1String("mtime_ms")).toInteger();
        e.sourceSize = o.value(QLatin1String("source_size")).toInteger();
        e.sourceMtimeMs = o.value(QLatin1String("source_mtime_ms")).toInteger();
        for (const QJsonValue &b : o.value(QLatin1String("boxes")).toArray()) {
            const QJsonArray a = b.toArray();
            e.boxes.append(
                QRect(a.at(0).toInt(), a.at(1).toInt(), a.at(2).toInt(), a.at(3).toInt()));
        }
        e.xmp = o.value(QLatin1String("xmp")).toString();
        e.xmpSha256 = o.value(QLatin1String("xmp_sha256")).toString().toLatin1();
        // A target must stay inside the folder, whoever edited the file.
        if (e.target.isEmpty() || QDir::isAbsolutePath(e.target) ||
            QDir::cleanPath(e.target).startsWith(QLatin1String("..")))
            continue;
        entries.insert(e.target, e);
    }
    for (const QJsonValue &v : doc.object().value(QLatin1String("persons")).toArray()) {
        const QJsonObject o = v.toObject();
        persons.insert(
            o.value(QLatin1String("id")).toInteger(),
            {o.value(QLatin1String("name")).toString(),
             QDate::fromString(o.value(QLatin1String("birth_date")).toString(), Qt::ISODate)});
    }
    return true;
}

bool ExportManifest::write(const QString &dir, QString &error) const
{
    QJsonArray list;
    QByteArray csv = "person,source,exported,boxes\n";
    for (const Entry &e : entries) {
        QJsonArray boxes;
        QStringList boxText;
        for (const QRect &b : e.boxes) {
            boxes.append(QJsonArray{b.x(), b.y(), b.width(), b.height()});
            boxText << QStringLiteral("%1 %2 %3 %4")
                           .arg(b.x())
                           .arg(b.y())
                           .arg(b.width())
                           .arg(b.height());
        }
        QJsonObject o{{QStringLiteral("person"), e.person},
                      {QStringLiteral("person_id"), e.personId},
                      {QStringLiteral("source"), e.source},
                      {QStringLiteral("target"), e.target},
                      {QStringLiteral("mode"), e.mode},
                      {QStringLiteral("size"), e.size},
                      {QStringLiteral("mtime_ms"), e.mtimeMs},
                      {QStringLiteral("source_size"), e.sourceSize},
                      {QStringLiteral("source_mtime_ms"), e.sourceMtimeMs},
                      {QStringLiteral("boxes"), boxes}};
        if (!e.xmp.isEmpty()) {
            o.insert(QStringLiteral("xmp"), e.xmp);
            o.insert(QStringLiteral("xmp_sha256"), QString::fromLatin1(e.xmpSha256));
        }
        list.append(o);
        csv += (QStringList{csvField(e.person), csvField(e.source), csvField(e.target),
                            csvField(boxText.join(QStringLiteral("; ")))}
                    .join(u',') +
                u'\n')
                   .toUtf8();
    }
    QJsonObject root{{QStringLiteral("version"), 1},
                     {QStringLiteral("generator"), QStringLiteral("Facefolio")},
                     {QStringLiteral("entries"), list}};
    if (!persons.isEmpty()) {
        QJsonArray people;
        for (auto it = persons.cbegin(); it != persons.cend(); ++it) {
            QJsonObject o{{QStringLiteral("id"), it.key()}, {QStringLiteral("name"), it->name}};
            if (it->birthDate.isValid())
                o.insert(QStringLiteral("birth_date"), it->birthDate.toString(Qt::ISODate));
            people.append(o);
        }
        root.insert(QStringLiteral("persons"), people);
    }
    const QDir d(dir);
    return writeIfChanged(d.filePath(Exporter::manifestBaseName() + QStringLiteral(".json")),
                          QJsonDocument(root).toJson(QJsonDocument::Indented), error) &&
           writeIfChanged(d.filePath(Exporter::manifestBaseName() + QStringLiteral(".csv")), csv,
                          error);
}

} // namespace facefolio
