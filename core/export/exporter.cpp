#include "export/exporter.h"

#include "catalog/catalog.h"
#include "export/exportfiles_p.h"
#include "export/exportmanifest.h"
#include "export/safename.h"
#include "metadata/xmpregions.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sys/stat.h>

namespace facefolio {

namespace {

using Entry = ExportManifest::Entry;

struct Photo
{
    QString path;
    QSize size;
    QList<XmpFaceRegion> regions; ///< every named face, for the sidecar
};

/// A photo wanted in a person's folder.
struct Wanted
{
    QString person; // folder label
    qint64 personId = 0;
    const Photo *photo = nullptr;
    QList<QRect> boxes;
    QString target; // relative, once assigned
};

struct Selection
{
    std::map<QString, Photo> photos; // by path
    std::vector<Wanted> wanted;
    std::optional<std::set<qint64>> scope; // persons a partial export may touch
    QString togetherLabel;                 // the folder of a "together" export
    QList<qint64> togetherIds;
    std::map<qint64, ExportManifest::Person> persons; // every person of the catalog

    /// Whether an entry of an earlier export is this export's to keep, move
    /// or remove. Folders of people together belong only to an export of
    /// that same folder; other exports leave them alone.
    bool owns(const Entry &e) const
    {
        if (e.personId == ExportAction::kTogether)
            return !togetherLabel.isEmpty() && e.person == togetherLabel;
        if (!togetherLabel.isEmpty())
            return false;
        return !scope || scope->count(e.personId) > 0;
    }
};

QString unknownLabel()
{
    return QStringLiteral("_Unknown");
}

/// Reads what to export from the catalog. False (and `error`) when a
/// requested person does not exist.
bool select(Catalog &catalog, const ExportOptions &opt, Selection &out, QString &error)
{
    struct Person
    {
        QString name;
        bool hidden = false;
    };
    std::map<qint64, Person> persons;
    QSqlQuery q(catalog.database());
    q.exec(QStringLiteral("SELECT id, name, hidden, birth_date FROM persons ORDER BY id"));
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        persons[id] = {q.value(1).toString().trimmed(), q.value(2).toBool()};
        out.persons[id] = {persons[id].name, QDate::fromString(q.value(3).toString(), Qt::ISODate)};
    }

    // The persons asked for, in the order given, each once.
    const bool together = !opt.together.isEmpty();
    QList<qint64> named;
    for (const QString &word : together ? opt.together : opt.persons) {
        bool isId = false;
        const qint64 id = word.toLongLong(&isId);
        bool found = false;
        for (const auto &[pid, p] : persons)
            if ((isId && pid == id) ||
                (!p.name.isEmpty() && p.name.compare(word.trimmed(), Qt::CaseInsensitive) == 0)) {
                if (!named.contains(pid))
                    named << pid;
                found = true;
            }
        if (!found) {
            error = QStringLiteral("no person with the id or name \"%1\"").arg(word);
            return false;
        }
    }
    const std::set<qint64> chosen(named.begin(), named.end());
    if (together) {
        out.togetherIds = named;
    } else if (!opt.persons.isEmpty()) {
        out.scope = chosen;
        if (opt.includeUnknown)
            out.scope->insert(0);
    }
    const auto wantedPerson = [&](qint64 id) {
        const Person &p = persons[id];
        if (together)
            return false;
        if (!opt.persons.isEmpty())
            return chosen.count(id) > 0;
        return !p.hidden && (!p.name.isEmpty() || opt.includeUnnamed);
    };

    // Folder labels, unique without regard to case, in id order so that
    // they stay the same from one export to the next.
    QSet<QString> taken{SafeName::key(unknownLabel()),
                        SafeName::key(Exporter::manifestBaseName() + QStringLiteral(".json")),
                        SafeName::key(Exporter::manifestBaseName() + QStringLiteral(".csv"))};
    QHash<qint64, QString> labels;
    for (const auto &[id, p] : persons) {
        if (!wantedPerson(id))
            continue;
        QString label = SafeName::clean(p.name);
        if (label.isEmpty())
            label = p.name.isEmpty() ? QStringLiteral("Unnamed %1").arg(id)
                                     : QStringLiteral("Person %1").arg(id);
        labels.insert(id, SafeName::unique(label, taken));
    }
    if (together) {
        // "Mom + Minji", in the order the user gave them.
        QStringList names;
        for (qint64 id : std::as_const(out.togetherIds))
            names << (persons[id].name.isEmpty() ? QStringLiteral("Unnamed %1").arg(id)
                                                 : persons[id].name);
        for (const auto &[id, p] : persons)
            if (!p.name.isEmpty())
                taken.insert(SafeName::key(SafeName::clean(p.name)));
        QString label = SafeName::clean(names.join(QStringLiteral(" + ")));
        if (label.isEmpty())
            label = QStringLiteral("Together");
        out.togetherLabel = SafeName::unique(label, taken);
    }
    std::map<QString, QList<QRect>> togetherBoxes; // by path

    q.exec(QStringLiteral("SELECT ph.path, ph.width, ph.height, f.x, f.y, f.w, f.h, f.person_id "
                          "FROM faces f JOIN photos ph ON ph.id = f.photo_id "
                          "WHERE ph.missing = 0 AND f.not_face = 0 ORDER BY ph.path, f.id"));
    std::map<std::pair<QString, QString>, Wanted> byPersonPhoto;
    while (q.next()) {
        const QString path = q.value(0).toString();
        Photo &photo = out.photos[path];
        photo.path = path;
        photo.size = QSize(q.value(1).toInt(), q.value(2).toInt());
        const QRect box(q.value(3).toInt(), q.value(4).toInt(), q.value(5).toInt(),
                        q.value(6).toInt());
        const bool assigned = !q.value(7).isNull();
        const qint64 pid = q.value(7).toLongLong();
        if (assigned && persons.count(pid) && !persons[pid].name.isEmpty() &&
            !persons[pid].hidden && photo.size.width() > 0 && photo.size.height() > 0) {
            const double w = photo.size.width(), h = photo.size.height();
            photo.regions.append({persons[pid].name, QRectF(box.x() / w, box.y() / h,
                                                            box.width() / w, box.height() / h)});
        }
        if (assigned && chosen.count(pid) && together)
            togetherBoxes[path].append(box);
        QString label;
        if (assigned && labels.contains(pid))
            label = labels.value(pid);
        else if (!assigned && opt.includeUnknown)
            label = unknownLabel();
        else
            continue;
        Wanted &w = byPersonPhoto[{label, path}];
        w.person = label;
        w.personId = assigned ? pid : 0;
        w.photo = &photo;
        w.boxes.append(box);
    }
    // Persons tagged on a photo without a face (issue 18) have it in their
    // folder too, with no box.
    q.exec(QStringLiteral("SELECT ph.path, ph.width, ph.height, t.person_id FROM photo_persons t "
                          "JOIN photos ph ON ph.id = t.photo_id WHERE ph.missing = 0 "
                          "ORDER BY ph.path, t.person_id"));
    while (q.next()) {
        const qint64 pid = q.value(3).toLongLong();
        if (!labels.contains(pid) && !(together && chosen.count(pid)))
            continue;
        const QString path = q.value(0).toString();
        Photo &photo = out.photos[path];
        photo.path = path;
        photo.size = QSize(q.value(1).toInt(), q.value(2).toInt());
        if (labels.contains(pid)) {
            Wanted &w = byPersonPhoto[{labels.value(pid), path}];
            w.person = labels.value(pid);
            w.personId = pid;
            w.photo = &photo;
        }
        // Named in the sidecar without a region (XmpRegions::sidecar).
        const auto &info = persons[pid];
        if (!info.name.isEmpty() && !info.hidden &&
            std::none_of(photo.regions.begin(), photo.regions.end(),
                         [&](const XmpFaceRegion &r) { return r.name == info.name; }))
            photo.regions.append({info.name, QRectF()});
    }
    if (together) {
        const std::vector<PhotoRecord> shown =
            catalog.photosWith(out.togetherIds, opt.togetherOnly);
        if (!catalog.errorString().isEmpty() && shown.empty()) {
            error = catalog.errorString();
            return false;
        }
        for (const PhotoRecord &p : shown) {
            Photo &photo = out.photos[p.path];
            photo.path = p.path;
            photo.size = QSize(p.width, p.height);
            Wanted &w = byPersonPhoto[{out.togetherLabel, p.path}];
            w.person = out.togetherLabel;
            w.personId = ExportAction::kTogether;
            w.photo = &photo;
            w.boxes = togetherBoxes[p.path];
        }
    }
    for (auto &[key, w] : byPersonPhoto)
        out.wanted.push_back(std::move(w));
    return true;
}

// Whether `file`, found in the export folder, is exactly what `mode` makes of `source`.
bool holdsPhoto(const QFileInfo &file, const QFileInfo &source, ExportMode mode)
{
    if (mode == ExportMode::Symlink)
        return file.isSymLink() && file.symLinkTarget() == source.absoluteFilePath();
    if (file.isSymLink() || file.size() != source.size())
        return false;
    struct stat a, b;
    if (mode == ExportMode::Hardlink &&
        ::stat(QFile::encodeName(file.filePath()).constData(), &a) == 0 &&
        ::stat(QFile::encodeName(source.filePath()).constData(), &b) == 0 && a.st_ino == b.st_ino &&
        a.st_dev == b.st_dev)
        return true;
    QFile f(file.filePath()), g(source.filePath());
    if (!f.open(QIODevice::ReadOnly) || !g.open(QIODevice::ReadOnly))
        return false;
    while (!f.atEnd()) {
        if (f.read(1 << 20) != g.read(1 << 20))
            return false;
    }
    return true;
}

// The manifest is written when an export ends, so a killed export leaves
// complete files renamed into place but not listed, and its temporary files.
// In each person folder this export writes, leftover temporary files go, and
// an unlisted file named as Facefolio names a wanted photo ("IMG_1.jpg" or
// "IMG_1 (2).jpg") that holds exactly that photo is listed again as ours.
void recoverKilledExport(const QString &out, ExportMode mode, const std::vector<Wanted> &wanted,
                         bool dryRun, ExportManifest &old)
{
    static const QRegularExpression numbered(QStringLiteral("^(.*) \\(\\d+\\)(\\.[^.]*)?$"));
    // Per folder: unlisted files by the name they would have without " (n)".
    QHash<QString, QHash<QString, QFileInfoList>> unlisted;
    for (const Wanted &w : wanted) {
        if (unlisted.contains(w.person))
            continue;
        QHash<QString, QFileInfoList> &byName = unlisted[w.person];
        const QDir dir(QDir(out).filePath(w.person));
        for (const QFileInfo &fi : dir.entryInfoList(
                 QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name)) {
            if (fi.fileName().startsWith(QLatin1String(".facefolio-partial-"))) {
                if (!dryRun)
                    QFile::remove(fi.filePath());
                continue;
            }
            if (old.entries.contains(w.person + u'/' + fi.fileName()))
                continue;
            const QRegularExpressionMatch m = numbered.match(fi.fileName());
            byName[m.hasMatch() ? m.captured(1) + m.captured(2) : fi.fileName()].append(fi);
        }
    }
    for (const Wanted &w : wanted) {
        const QFileInfo source(w.photo->path);
        QFileInfoList &candidates = unlisted[w.person][SafeName::clean(source.fileName())];
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            const QFileInfo fi = candidates[i];
            if (!holdsPhoto(fi, source, mode))
                continue;
            Entry e;
            e.person = w.person;
            e.personId = w.personId;
            e.source = w.photo->path;
            e.target = w.person + u'/' + fi.fileName();
            e.mode = Exporter::modeName(mode);
            e.boxes = w.boxes;
            if (mode != ExportMode::Symlink) {
                e.size = fi.size();
                e.mtimeMs = fi.lastModified().toMSecsSinceEpoch();
            }
            e.sourceSize = source.size();
            e.sourceMtimeMs = source.lastModified().toMSecsSinceEpoch();
            old.entries.insert(e.target, e);
            candidates.removeAt(i);
            break;
        }
    }
}

} // namespace

QString Exporter::modeName(ExportMode mode)
{
    switch (mode) {
    case ExportMode::Copy:
        return QStringLiteral("copy");
    case ExportMode::Hardlink:
        return QStringLiteral("hardlink");
    case ExportMode::Symlink:
        return QStringLiteral("symlink");
    }
    return {};
}

ExportResult Exporter::run(const ExportOptions &opt, const std::function<void(int, int)> &progress,
                           const std::function<bool()> &cancelled)
{
    ExportResult result;
    const QString out = QDir::cleanPath(QDir(opt.outDir).absolutePath());
    const QFileInfo outInfo(out);
    if (outInfo.exists() && !outInfo.isDir()) {
        result.error = QStringLiteral("%1 exists and is not a folder").arg(out);
        return result;
    }

    Catalog catalog(opt.catalogPath);
    if (!catalog.open()) {
        result.error = catalog.errorString();
        return result;
    }
    Selection sel;
    if (!select(catalog, opt, sel, result.error))
        return result;

    ExportManifest old;
    if (!old.read(out, result.error))
        return result;
    // A partial export leaves other persons' files as they are: they stay in
    // the manifest and their names stay taken.
    ExportManifest untouched;
    for (auto it = old.entries.begin(); it != old.entries.end();) {
        if (!sel.owns(*it)) {
            untouched.entries.insert(it.key(), it.value());
            it = old.entries.erase(it);
        } else {
            ++it;
        }
    }
    // The persons the export folder holds, with their names and birth dates
    // as the catalog has them now (as the earlier export had them, for
    // persons gone from the catalog since).
    {
        std::set<qint64> shown(sel.togetherIds.begin(), sel.togetherIds.end());
        for (const Wanted &w : sel.wanted)
            shown.insert(w.personId);
        for (const Entry &e : untouched.entries)
            shown.insert(e.personId);
        // A folder of people together left alone names no person id: keep
        // the persons the earlier export listed.
        if (std::any_of(untouched.entries.cbegin(), untouched.entries.cend(),
                        [](const Entry &e) { return e.personId == ExportAction::kTogether; }))
            for (auto it = old.persons.cbegin(); it != old.persons.cend(); ++it)
                shown.insert(it.key());
        for (qint64 id : shown) {
            if (id <= 0)
                continue;
            if (const auto it = sel.persons.find(id); it != sel.persons.end())
                untouched.persons.insert(id, it->second);
            else if (old.persons.contains(id))
                untouched.persons.insert(id, old.persons.value(id));
        }
    }

    recoverKilledExport(out, opt.mode, sel.wanted, opt.dryRun, old);

    detail::ExportFiles files(out, opt.mode);
    // Entries of the old manifest whose files are still as Facefolio left them.
    QHash<QString, bool> ours;
    QSet<QString> occupied; // case-folded relative paths Facefolio may not use
    for (const Entry &e : old.entries) {
        const detail::FileState s = files.state(e);
        ours.insert(e.target, s == detail::FileState::Ours);
        if (s == detail::FileState::Changed)
            occupied.insert(SafeName::key(e.target));
    }
    for (const Entry &e : untouched.entries)
        occupied.insert(SafeName::key(e.target));
    // Files Facefolio did not write are never overwritten.
    const auto foreignTaken = [&](const QString &label) {
        QSet<QString> taken;
        const QDir dir(QDir(out).filePath(label));
        for (const QString &name :
             dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
            const QString rel = label + u'/' + name;
            if (!ours.value(rel, false))
                taken.insert(SafeName::key(name));
        }
        for (const QString &rel : occupied)
            if (rel.startsWith(SafeName::key(label) + u'/'))
                taken.insert(rel.mid(label.size() + 1));
        return taken;
    };

    // Names: an earlier export's name for the same photo and person wins, then
    // the first free one in path order.
    QHash<QString, QSet<QString>> taken;
    QHash<QPair<QString, QString>, QString> earlier;
    for (const Entry &e : old.entries)
        if (ours.value(e.target) && e.mode == modeName(opt.mode))
            earlier.insert({e.person, e.source}, e.target);
    for (Wanted &w : sel.wanted)
        if (!taken.contains(w.person))
            taken.insert(w.person, foreignTaken(w.person));
    for (Wanted &w : sel.wanted) {
        const QString prior = earlier.value({w.person, w.photo->path});
        const QString name = prior.section(u'/', 1);
        if (!prior.isEmpty() && !taken[w.person].contains(SafeName::key(name))) {
            taken[w.person].insert(SafeName::key(name));
            w.target = prior;
        }
    }
    for (Wanted &w : sel.wanted)
        if (w.target.isEmpty()) {
            QString file = SafeName::clean(QFileInfo(w.photo->path).fileName());
            if (file.isEmpty())
                file = QStringLiteral("photo");
            w.target = w.person + u'/' + SafeName::unique(file, taken[w.person], true);
        }

    // Classify.
    QSet<QString> used;
    std::vector<ExportAction> plan;
    QHash<QString, QList<QString>> movable; // source -> old targets that can be renamed
    QSet<QString> wantedTargets;
    for (const Wanted &w : sel.wanted)
        wantedTargets.insert(w.target);
    for (const Entry &e : old.entries)
        if (ours.value(e.target) && !wantedTargets.contains(e.target) &&
            e.mode == modeName(opt.mode))
            movable[e.source].append(e.target);
    for (const Wanted &w : sel.wanted) {
        ExportAction a;
        a.person = w.person;
        a.personId = w.personId;
        a.source = w.photo->path;
        a.target = w.target;
        a.boxes = w.boxes;
        const auto it = old.entries.constFind(w.target);
        if (it != old.entries.cend() && ours.value(w.target) && it->source == a.source &&
            it->mode == modeName(opt.mode) && files.sourceUnchanged(*it)) {
            a.kind = ExportAction::Keep;
            used.insert(w.target);
        } else if (!movable.value(a.source).isEmpty() && it == old.entries.cend()) {
            a.kind = ExportAction::Move;
            a.from = movable[a.source].takeFirst();
            used.insert(a.from);
        } else {
            a.kind = ExportAction::Create;
        }
        plan.push_back(a);
    }
    for (const Entry &e : old.entries) {
        if (used.contains(e.target) || (wantedTargets.contains(e.target) && !ours.value(e.target)))
            continue;
        const detail::FileState s = files.state(e);
        if (s == detail::FileState::Gone)
            continue;
        ExportAction a;
        a.kind = s == detail::FileState::Ours ? ExportAction::Remove : ExportAction::Leave;
        if (wantedTargets.contains(e.target))
            a.kind = ExportAction::Remove; // replaced in place by a Create below
        a.person = e.person;
        a.personId = e.personId;
        a.source = e.source;
        a.from = e.target;
        a.note = a.kind == ExportAction::Leave
                     ? QStringLiteral("changed since it was exported; left alone")
                     : QString();
        plan.insert(plan.begin(), a);
    }

    return files.execute(
        std::move(plan), old, untouched, opt.writeXmp, opt.dryRun,
        [&sel](const QString &path) -> std::pair<QSize, QList<XmpFaceRegion>> {
            const auto it = sel.photos.find(path);
            if (it == sel.photos.end())
                return {};
            return {it->second.size, it->second.regions};
        },
        progress, cancelled);
}

} // namespace facefolio
