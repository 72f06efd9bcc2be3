// facefolio: the desktop app. Opens the catalog, shows the people in it and
// scans the folders given on the command line (or, when none are given, the
// folders scanned last time, or else the user's Pictures folder).

#include "catalog/catalog.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>
#include <QTranslator>
#include <algorithm>

using namespace facefolio;

namespace {

// The --lang value, read before the parser runs so that --help is
// translated too.
QString languageArgument(const QStringList &args)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--lang") && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith(QLatin1String("--lang=")))
            return args[i].mid(7);
    }
    return {};
}

// Facefolio's own strings and Qt's (dialog buttons, shortcuts), in the
// language asked for, else the system's.
void installTranslators(QApplication &app, const QString &lang)
{
    const QLocale locale = lang.isEmpty() ? QLocale() : QLocale(lang);
    if (!lang.isEmpty())
        QLocale::setDefault(locale);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    // Without a translation for the language, English: its file holds the
    // plural forms ("1 face", "2 faces") that the sources cannot.
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("facefolio"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")) ||
        own->load(QStringLiteral(":/i18n/facefolio_en.qm")))
        QApplication::installTranslator(own);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("facefolio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Facefolio"));
    QApplication::setOrganizationName(QStringLiteral("facefolio"));
    QApplication::setApplicationVersion(QStringLiteral(FACEFOLIO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.facefolio.Facefolio"));
    // The global pool runs one long task per job (the scan's driver, a
    // clustering, a photo for the viewer, an export) while the CPU work runs
    // on pools of their own; with one thread per core they would queue behind
    // each other on a small machine, and a photo would wait for a clustering.
    QThreadPool::globalInstance()->setMaxThreadCount(
        std::max(4, QThreadPool::globalInstance()->maxThreadCount()));

    installTranslators(app, languageArgument(QApplication::arguments()));

    QCommandLineParser p;
    p.setApplicationDescription(QApplication::translate(
        "main", "Sort a photo library by the people in it: find every face, group the faces "
                "into people, fix and name them, export one folder per person."));
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument(QStringLiteral("FOLDER"),
                            QApplication::translate("main", "Folders of photos to scan (default: "
                                                            "the folders scanned last time, or "
                                                            "the Pictures folder)."),
                            QStringLiteral("[FOLDER...]"));
    const QCommandLineOption catalogOption(
        QStringLiteral("catalog"),
        QApplication::translate("main", "The catalog file (default: %1).")
            .arg(Catalog::defaultPath()),
        QStringLiteral("FILE"), Catalog::defaultPath());
    const QCommandLineOption noScan(QStringLiteral("no-scan"),
                                    QApplication::translate("main", "Open without scanning."));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QApplication::translate("main", "The language of the window, for example ko or en "
                                        "(default: the system's)."),
        QStringLiteral("CODE"));
    p.addOptions({catalogOption, noScan, langOption});
    p.process(app);

    MainWindow window(p.value(catalogOption));
    if (!window.open()) {
        QMessageBox::critical(nullptr, QStringLiteral("Facefolio"),
                              QApplication::translate("main", "The catalog cannot be opened: %1")
                                  .arg(window.errorString()));
        return 1;
    }
    window.show();

    QStringList folders;
    for (const QString &arg : p.positionalArguments()) {
        const QFileInfo info(arg);
        // A photo opened from the file manager brings in its folder.
        if (info.isFile()) {
            if (!folders.contains(info.absolutePath()))
                folders << info.absolutePath();
            continue;
        }
        if (!info.isDir()) {
            QMessageBox::warning(&window, QStringLiteral("Facefolio"),
                                 QApplication::translate("main", "%1 does not exist.").arg(arg));
            continue;
        }
        folders << info.absoluteFilePath();
    }
    if (folders.isEmpty() && p.positionalArguments().isEmpty()) {
        folders = QSettings().value(QStringLiteral("library/folders")).toStringList();
        if (folders.isEmpty()) {
            const QString pictures =
                QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
            if (QFileInfo(pictures).isDir())
                folders << pictures;
        }
    }
    if (!p.isSet(noScan) && !folders.isEmpty())
        QTimer::singleShot(0, &window, [&window, folders] { window.scanFolders(folders); });
    return QApplication::exec();
}
