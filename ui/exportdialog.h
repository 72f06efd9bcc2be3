#pragma once

#include "export/exporter.h"

#include <QDialog>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace facefolio {

/// Export one folder per person: the same choices as `facefolio-cli export`,
/// a preview of what would happen (a dry run, off the UI thread), then the
/// export itself with progress and Cancel. The catalog is only read.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(QString catalogPath, QWidget *parent = nullptr);
    ~ExportDialog() override;

    /// The options as the dialog's controls set them.
    ExportOptions options() const;
    /// Fills the controls (for settings remembered from the last export).
    void setOptions(const ExportOptions &options);
    /// Offers the photos of these persons together (as the main window shows
    /// them) as one folder named `label` ("Mom + Minji"), chosen at first.
    void offerTogether(const QList<qint64> &personIds, bool onlyThem, const QString &label);
    /// The last finished run or preview.
    const ExportResult &lastResult() const { return m_result; }

public Q_SLOTS:
    void preview();
    void startExport();
    void cancel();

Q_SIGNALS:
    /// After a preview or an export finished (also when it failed).
    void finished(bool dryRun, bool ok);

protected:
    void reject() override;

private:
    void fillPersons();
    void run(bool dryRun);
    void showResult(bool dryRun);
    void setBusy(bool busy);

    QString m_catalogPath;
    QLineEdit *m_out = nullptr;
    QComboBox *m_mode = nullptr;
    QListWidget *m_persons = nullptr;
    QCheckBox *m_allNamed = nullptr;
    QCheckBox *m_unnamed = nullptr;
    QCheckBox *m_unknown = nullptr;
    QCheckBox *m_xmp = nullptr;
    QCheckBox *m_together = nullptr;
    QList<qint64> m_togetherIds;
    bool m_togetherOnly = false;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_previewButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_busy = false;
    ExportResult m_result;
};

} // namespace facefolio
