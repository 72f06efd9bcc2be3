#pragma once

#include <QDialog>
#include <QProcess>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace facefolio {

/// Shown when the face models are missing or damaged: says what is wrong and
/// offers to fetch them by running the installed fetch script, showing its
/// output, with a plain message when that fails (offline, for example).
/// Accepted once the fetch succeeded.
class ModelsDialog final : public QDialog
{
    Q_OBJECT

public:
    ModelsDialog(const QString &problem, QWidget *parent = nullptr);
    ~ModelsDialog() override;

    /// The fetch script: facefolio-fetch-models beside the program, else on
    /// PATH, else the source tree's packaging/fetch-models.sh. Empty if none.
    static QString fetchScript();

public Q_SLOTS:
    void fetch();

private:
    void finished(int exitCode, QProcess::ExitStatus status);

    QLabel *m_text = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_fetch = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QProcess m_process;
};

} // namespace facefolio
