// facefolio-cli export: one folder per person, a manifest, XMP sidecars.

#include "cliutil.h"
#include "commands.h"
#include "export/exporter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace facefolio::cli {

namespace {

QString kindName(ExportAction::Kind k)
{
    switch (k) {
    case ExportAction::Create:
        return QStringLiteral("create");
    case ExportAction::Keep:
        return QStringLiteral("keep");
    case ExportAction::Move:
        return QStringLiteral("move");
    case ExportAction::Remove:
        return QStringLiteral("remove");
    case ExportAction::Leave:
        return QStringLiteral("leave");
    case ExportAction::Skip:
        return QStringLiteral("skip");
    }
    return {};
}

} // namespace

int cmdExport(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Export one folder per person: OUT/<Person Name>/<photo>. Originals are never "
        "modified; a second run writes only what changed, and moves or removes only files "
        "an earlier export wrote (listed in OUT/facefolio-export.json and .csv)."));
    p.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The export folder."));
    const QCommandLineOption mode(
        {QStringLiteral("mode")},
        QStringLiteral("copy (default), hardlink (copies where links are impossible) or symlink."),
        QStringLiteral("MODE"), QStringLiteral("copy"));
    const QCommandLineOption persons(
        {QStringLiteral("persons")},
        QStringLiteral("Only these persons, by id or name; repeat or separate with commas."),
        QStringLiteral("ID|NAME"));
    const QCommandLineOption unnamed({QStringLiteral("include-unnamed")},
                                     QStringLiteral("Also unnamed persons, as \"Unnamed 12\"."));
    const QCommandLineOption unknown(
        {QStringLiteral("include-unknown")},
        QStringLiteral("Also photos with faces in no person, in \"_Unknown\"."));
    const QCommandLineOption dryRun({QStringLiteral("dry-run")},
                                    QStringLiteral("Print what would happen; write nothing."));
    const QCommandLineOption noXmp({QStringLiteral("no-xmp")},
                                   QStringLiteral("Do not write XMP sidecars with face regions."));
    const QCommandLineOption json({QStringLiteral("json")},
                                  QStringLiteral("One JSON object per action, then a summary."));
    const QCommandLineOption together(
        {QStringLiteral("together")},
        QStringLiteral("Instead of a folder per person, one folder (\"Mom + Minji\") of the "
                       "photos where all of these persons appear."),
        QStringLiteral("ID|NAME,..."));
    const QCommandLineOption only(
        {QStringLiteral("only")},
        QStringLiteral("With --together: photos where no other named person appears."));
    p.addOptions({mode, persons, unnamed, unknown, dryRun, noXmp, json, together, only});
    if (!parse(p, args))
        return 2;
    if (p.positionalArguments().size() != 1)
        return failWith(QStringLiteral("usage: facefolio-cli export OUT [options]"), 2);

    ExportOptions opt;
    opt.outDir = p.positionalArguments().constFirst();
    opt.catalogPath = p.value(catalogOption());
    const QString m = p.value(mode);
    if (m == QLatin1String("copy"))
        opt.mode = ExportMode::Copy;
    else if (m == QLatin1String("hardlink"))
        opt.mode = ExportMode::Hardlink;
    else if (m == QLatin1String("symlink"))
        opt.mode = ExportMode::Symlink;
    else
        return failWith(QStringLiteral("--mode must be copy, hardlink or symlink"), 2);
    for (const QString &v : p.values(persons))
        for (const QString &w : v.split(u',', Qt::SkipEmptyParts))
            opt.persons << w.trimmed();
    for (const QString &v : p.values(together))
        for (const QString &w : v.split(u',', Qt::SkipEmptyParts))
            opt.together << w.trimmed();
    if (p.isSet(only) && opt.together.isEmpty())
        return failWith(QStringLiteral("--only needs --together ID|NAME,..."), 2);
    if (!opt.together.isEmpty() && (p.isSet(persons) || p.isSet(unnamed) || p.isSet(unknown)))
        return failWith(QStringLiteral("--together exports one folder; it does not take "
                                       "--persons, --include-unnamed or --include-unknown"),
                        2);
    opt.togetherOnly = p.isSet(only);
    opt.includeUnnamed = p.isSet(unnamed);
    opt.includeUnknown = p.isSet(unknown);
    opt.dryRun = p.isSet(dryRun);
    opt.writeXmp = !p.isSet(noXmp);
    if (!QFileInfo::exists(opt.catalogPath))
        return failWith(
            QStringLiteral("no catalog at %1; scan a folder first").arg(opt.catalogPath));

    installInterruptHandler();
    const ExportResult r = Exporter::run(opt, {}, [] { return interrupted(); });
    for (const ExportAction &a : r.actions) {
        if (p.isSet(json)) {
            QJsonObject o{{QStringLiteral("action"), kindName(a.kind)},
                          {QStringLiteral("person"), a.person},
                          {QStringLiteral("source"), a.source}};
            if (!a.target.isEmpty())
                o.insert(QStringLiteral("target"), a.target);
            if (!a.from.isEmpty())
                o.insert(QStringLiteral("from"), a.from);
            if (!a.note.isEmpty())
                o.insert(QStringLiteral("note"), a.note);
            out(QJsonDocument(o).toJson(QJsonDocument::Compact));
        } else if (a.kind != ExportAction::Keep || opt.dryRun) {
            QString line = kindName(a.kind) + u' ';
            line += a.kind == ExportAction::Move ? a.from + QStringLiteral(" -> ") + a.target
                    : a.kind == ExportAction::Remove || a.kind == ExportAction::Leave
                        ? a.from
                        : a.target + QStringLiteral("  <- ") + a.source;
            if (!a.note.isEmpty())
                line += QStringLiteral("  (") + a.note + u')';
            out(line.toUtf8());
        }
    }
    for (const QString &n : r.notes)
        std::fprintf(stderr, "note: %s\n", qPrintable(n));
    const QString summary =
        QStringLiteral("%1: %2 new, %3 unchanged, %4 moved, %5 removed, %6 left alone, %7 skipped")
            .arg(opt.dryRun ? QStringLiteral("would export") : QStringLiteral("exported"))
            .arg(r.created)
            .arg(r.kept)
            .arg(r.moved)
            .arg(r.removed)
            .arg(r.left)
            .arg(r.skipped);
    if (p.isSet(json))
        out(QJsonDocument(QJsonObject{{QStringLiteral("summary"), summary},
                                      {QStringLiteral("ok"), r.ok},
                                      {QStringLiteral("error"), r.error}})
                .toJson(QJsonDocument::Compact));
    else
        out(summary.toUtf8());
    if (r.cancelled)
        return failWith(QStringLiteral("interrupted; the manifest lists what was exported"), 130);
    if (!r.ok)
        return failWith(r.error);
    return 0;
}

} // namespace facefolio::cli
