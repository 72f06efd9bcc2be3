#include "export/exportfiles_p.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace facefolio::detail {

namespace {

using Entry = ExportManifest::Entry;

QString partialName(const QString &target)
{
    const QFileInfo fi(target);
    return fi.dir().filePath(QStringLiteral(".facefolio-partial-") + fi.fileName());
}

bool sameInode(const QString &a, const QString &b)
{
    struct stat sa, sb;
    return ::lstat(QFile::encodeName(a).constData(), &sa) == 0 &&
           ::stat(QFile::encodeName(b).constData(), &sb) == 0 && sa.st_ino == sb.st_ino &&
           sa.st_dev == sb.st_dev;
}

bool renameOver(const QString &from, const QString &to, QString &why)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    why = QString::fromLocal8Bit(std::strerror(errno));
    return false;
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray fileSha256Hex(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? sha256Hex(f.readAll()) : QByteArray();
}

} // namespace

ExportFiles::ExportFiles(QString outDir, ExportMode mode)
    : m_out(std::move(outDir))
    , m_mode(mode)
{}

QString ExportFiles::abs(const QString &rel) const
{
    return m_out + u'/' + rel;
}

FileState ExportFiles::state(const Entry &e) const
{
    const QFileInfo fi(abs(e.target));
    if (!fi.exists() && !fi.isSymLink())
        return FileState::Gone;
    if (e.mode == Exporter::modeName(ExportMode::Symlink))
        return fi.isSymLink() && fi.symLinkTarget() == e.source ? FileState::Ours
                                                                : FileState::Changed;
    if (fi.isSymLink())
        return FileState::Changed;
    if (e.mode == Exporter::modeName(ExportMode::Hardlink) && sameInode(abs(e.target), e.source))
        return FileState::Ours;
    return fi.size() == e.size && fi.lastModified().toMSecsSinceEpoch() == e.mtimeMs
               ? FileState::Ours
               : FileState::Changed;
}

bool ExportFiles::sourceUnchanged(const Entry &e) const
{
    const QFileInfo src(e.source);
    if (!src.exists())
        return false;
    if (e.mode != Exporter::modeName(ExportMode::Copy))
        return true; // a link shows the photo as it is now
    return src.size() == e.sourceSize && src.lastModified().toMSecsSinceEpoch() == e.sourceMtimeMs;
}

bool ExportFiles::ensureFolder(const QString &label, QString &why)
{
    const QString dir = abs(label);
    if (!QDir().mkpath(dir)) {
        why = QStringLiteral("cannot create the folder %1 (%2)")
                  .arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // A symlink the user left in the export folder must not lead the export
    // anywhere else.
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    const QString root = QFileInfo(m_out).canonicalFilePath();
    if (canonical.isEmpty() || !canonical.startsWith(root + u'/')) {
        why = QStringLiteral("the folder %1 leads outside the export folder").arg(dir);
        return false;
    }
    return true;
}

bool ExportFiles::copyFile(const QString &source, const QString &temp, QString &why, bool &fatal)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) {
        why = QStringLiteral("cannot read the photo: %1").arg(in.errorString());
        return false;
    }
    QFile out(temp);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        why = QStringLiteral("cannot write %1: %2").arg(temp, out.errorString());
        fatal = true;
        return false;
    }
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0) {
            why = QStringLiteral("cannot read the photo: %1").arg(in.errorString());
            out.close();
            QFile::remove(temp);
            return false;
        }
        if (n == 0)
            break;
        if (out.write(buffer.constData(), n) != n) {
            why = QStringLiteral("cannot write %1: %2").arg(temp, out.errorString());
            out.close();
            QFile::remove(temp);
            fatal = true;
            return false;
        }
    }
    if (!out.flush() || ::fsync(out.handle()) != 0) {
        why = QStringLiteral("cannot write %1: %2").arg(temp, out.errorString());
        out.close();
        QFile::remove(temp);
        fatal = true;
        return false;
    }
    out.setFileTime(QFileInfo(source).lastModified(), QFileDevice::FileModificationTime);
    out.close();
    return true;
}

bool ExportFiles::place(const QString &source, const QString &target, QString &why, bool &fatal,
                        QStringList &notes)
{
    fatal = false;
    if (!QFileInfo::exists(source)) {
        why = QStringLiteral("the photo is gone since the scan");
        return false;
    }
    const QString temp = partialName(target);
    QFile::remove(temp);
    const QByteArray src = QFile::encodeName(source), tmp = QFile::encodeName(temp);
    bool done = false;
    if (m_mode == ExportMode::Symlink) {
        if (::symlink(src.constData(), tmp.constData()) != 0) {
            why = QStringLiteral("cannot make a link: %1")
                      .arg(QString::fromLocal8Bit(std::strerror(errno)));
            fatal = true;
            return false;
        }
        done = true;
    } else if (m_mode == ExportMode::Hardlink) {
        if (::link(src.constData(), tmp.constData()) == 0) {
            done = true;
        } else if (errno == EXDEV || errno == EPERM || errno == EMLINK || errno == ENOTSUP) {
            if (!m_linkFallbackNoted)
                notes << QStringLiteral(
                             "hard links are not possible here (%1); copies were made instead")
                             .arg(QString::fromLocal8Bit(std::strerror(errno)));
            m_linkFallbackNoted = true;
        } else {
            why = QStringLiteral("cannot make a hard link: %1")
                      .arg(QString::fromLocal8Bit(std::strerror(errno)));
            fatal = errno != ENOENT && errno != EACCES;
            return false;
        }
    }
    if (!done && !copyFile(source, temp, why, fatal))
        return false;
    if (!renameOver(temp, target, why)) {
        QFile::remove(temp);
        fatal = true;
        return false;
    }
    return true;
}

Entry ExportFiles::entryFor(const ExportAction &a) const
{
    Entry e;
    e.person = a.person;
    e.personId = a.personId;
    e.source = a.source;
    e.target = a.target;
    e.mode = Exporter::modeName(m_mode);
    e.boxes = a.boxes;
    const QFileInfo fi(abs(a.target));
    if (m_mode != ExportMode::Symlink) {
        e.size = fi.size();
        e.mtimeMs = fi.lastModified().toMSecsSinceEpoch();
    }
    const QFileInfo src(a.source);
    e.sourceSize = src.size();
    e.sourceMtimeMs = src.lastModified().toMSecsSinceEpoch();
    return e;
}

bool ExportFiles::syncSidecar(Entry &e, const Entry *before, const RegionsFor &regionsFor,
                              QString &why, QStringList &notes)
{
    const auto [size, regions] = regionsFor(e.source);
    const QString rel = e.target + QStringLiteral(".xmp");
    const QString path = abs(rel);
    if (regions.isEmpty() || !size.isValid()) {
        if (before && !before->xmp.isEmpty() &&
            fileSha256Hex(abs(before->xmp)) == before->xmpSha256)
            QFile::remove(abs(before->xmp));
        return true;
    }
    const QByteArray bytes = XmpRegions::sidecar(size, regions);
    if (bytes.isEmpty())
        return true;
    const QByteArray digest = sha256Hex(bytes);
    if (QFileInfo::exists(path)) {
        const QByteArray current = fileSha256Hex(path);
        const bool mine = before && before->xmp == rel && before->xmpSha256 == current;
        if (current != digest && !mine) {
            notes << QStringLiteral("%1 was not written by Facefolio; left alone").arg(path);
            return true;
        }
        if (current == digest) {
            e.xmp = rel;
            e.xmpSha256 = digest;
            return true;
        }
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        why = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    e.xmp = rel;
    e.xmpSha256 = digest;
    return true;
}

bool ExportFiles::removeOurs(const Entry &e, QString &why)
{
    if (!e.xmp.isEmpty() && fileSha256Hex(abs(e.xmp)) == e.xmpSha256)
        QFile::remove(abs(e.xmp));
    if (!QFile::remove(abs(e.target)) && QFileInfo(abs(e.target)).isSymLink() == false &&
        QFileInfo::exists(abs(e.target))) {
        why = QStringLiteral("cannot remove %1").arg(abs(e.target));
        return false;
    }
    // The person's folder goes too once Facefolio has emptied it.
    QDir().rmdir(QFileInfo(abs(e.target)).path());
    return true;
}

ExportResult ExportFiles::execute(std::vector<ExportAction> plan, const ExportManifest &old,
                                  const ExportManifest &untouched, bool writeXmp, bool dryRun,
                                  const RegionsFor &regionsFor,
                                  const std::function<void(int, int)> &progress,
                                  const std::function<bool()> &cancelled)
{
    ExportResult r;
    const auto count = [&r](const ExportAction &a) {
        switch (a.kind) {
        case ExportAction::Create:
            ++r.created;
            break;
        case ExportAction::Keep:
            ++r.kept;
            break;
        case ExportAction::Move:
            ++r.moved;
            break;
        case ExportAction::Remove:
            ++r.removed;
            break;
        case ExportAction::Leave:
            ++r.left;
            break;
        case ExportAction::Skip:
            ++r.skipped;
            break;
        }
    };
    if (dryRun) {
        for (const ExportAction &a : plan)
            count(a);
        r.actions = std::move(plan);
        r.ok = true;
        return r;
    }
    if (!QDir().mkpath(m_out)) {
        r.error = QStringLiteral("cannot create the export folder %1").arg(m_out);
        return r;
    }
    {
        QTemporaryFile probe(m_out + QStringLiteral("/.facefolio-probe-XXXXXX"));
        if (!probe.open()) {
            r.error = QStringLiteral("cannot write in the export folder %1: %2")
                          .arg(m_out, probe.errorString());
            return r;
        }
    }

    // The manifest as the disk is now: the old entries still as written.
    ExportManifest now = untouched;
    for (const Entry &e : old.entries)
        if (state(e) == FileState::Ours)
            now.entries.insert(e.target, e);

    // Moves first step aside, so that a swap of two names cannot collide.
    QHash<QString, QString> stepAside;
    for (const ExportAction &a : plan)
        if (a.kind == ExportAction::Move) {
            const QString temp = partialName(abs(a.from)) + QStringLiteral(".moving");
            QString why;
            if (renameOver(abs(a.from), temp, why))
                stepAside.insert(a.from, temp);
        }

    const int total = int(plan.size());
    int done = 0;
    QString fatalError;
    for (ExportAction &a : plan) {
        if (cancelled && cancelled()) {
            r.cancelled = true;
            break;
        }
        QString why;
        bool fatal = false;
        const Entry *before = old.entries.contains(a.from.isEmpty() ? a.target : a.from)
                                  ? &old.entries.find(a.from.isEmpty() ? a.target : a.from).value()
                                  : nullptr;
        switch (a.kind) {
        case ExportAction::Leave:
            now.entries.remove(a.from);
            break;
        case ExportAction::Remove:
            if (!removeOurs(old.entries.value(a.from), why))
                a.note = why;
            else
                now.entries.remove(a.from);
            break;
        case ExportAction::Keep: {
            Entry e = now.entries.value(a.target);
            e.boxes = a.boxes;
            e.person = a.person;
            e.personId = a.personId;
            if (writeXmp && !syncSidecar(e, before, regionsFor, why, r.notes))
                fatal = true;
            now.entries.insert(a.target, e);
            break;
        }
        case ExportAction::Move:
        case ExportAction::Create: {
            const QString label = a.target.section(u'/', 0, 0);
            const QString aside = stepAside.value(a.from);
            if (!ensureFolder(label, why)) {
                a.kind = ExportAction::Skip;
                a.note = why;
                if (!aside.isEmpty())
                    renameOver(aside, abs(a.from), why);
                break;
            }
            if (a.kind == ExportAction::Move && !aside.isEmpty() &&
                renameOver(aside, abs(a.target), why)) {
                now.entries.remove(a.from);
                if (before && !before->xmp.isEmpty() &&
                    fileSha256Hex(abs(before->xmp)) == before->xmpSha256)
                    QFile::remove(abs(before->xmp));
                QDir().rmdir(QFileInfo(abs(a.from)).path());
            } else {
                if (!aside.isEmpty())
                    renameOver(aside, abs(a.from), why);
                a.kind = ExportAction::Create;
                if (!place(a.source, abs(a.target), why, fatal, r.notes)) {
                    if (!fatal) {
                        a.kind = ExportAction::Skip;
                        a.note = why;
                    }
                    break;
                }
            }
            Entry e = entryFor(a);
            if (writeXmp && !syncSidecar(e, before, regionsFor, why, r.notes))
                fatal = true;
            now.entries.insert(a.target, e);
            break;
        }
        case ExportAction::Skip:
            break;
        }
        if (fatal) {
            fatalError = why;
            a.kind = ExportAction::Skip;
            a.note = why;
            count(a);
            break;
        }
        count(a);
        if (progress)
            progress(++done, total);
    }
    // Anything still stepped aside (a stop half-way) goes back where it was.
    for (auto it = stepAside.cbegin(); it != stepAside.cend(); ++it)
        if (QFileInfo::exists(it.value())) {
            QString why;
            renameOver(it.value(), abs(it.key()), why);
        }

    QString manifestError;
    const bool written = now.write(m_out, manifestError);
    r.actions = std::move(plan);
    if (!fatalError.isEmpty())
        r.error = fatalError;
    else if (!written)
        r.error = manifestError;
    r.ok = r.error.isEmpty();
    return r;
}

} // namespace facefolio::detail
