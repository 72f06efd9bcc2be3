// facefolio: the desktop app. Opens the catalog, shows the people in it and
// scans the folders given on the command line (or, when none are given, the
// folders scanned last time, or else the user's Pictures folder).

#include "catalog.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

using namespace facefolio;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("facefolio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Facefolio"));
    QApplication::setOrganizationName(QStringLiteral("facefolio"));
    QApplication::setApplicationVersion(QStringLiteral(FACEFOLIO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.facefolio.Facefolio"));

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
    p.addOptions({catalogOption, noScan});
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
        if (!info.isDir()) {
            QMessageBox::warning(&window, QStringLiteral("Facefolio"),
                                 QApplication::translate("main", "%1 is not a folder.").arg(arg));
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
