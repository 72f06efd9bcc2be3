#include "exportdialog.h"

#include "catalog/catalog.h"
#include "people/peopleservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace facefolio {

ExportDialog::ExportDialog(QString catalogPath, QWidget *parent)
    : QDialog(parent)
    , m_catalogPath(std::move(catalogPath))
{
    setWindowTitle(tr("Export People"));

    m_out = new QLineEdit(this);
    m_out->setPlaceholderText(tr("Folder to export into"));
    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    m_out->setText(QDir(pictures).filePath(tr("Facefolio export")));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Export into"), m_out->text());
        if (!dir.isEmpty())
            m_out->setText(dir);
    });
    auto *outRow = new QHBoxLayout;
    outRow->addWidget(m_out, 1);
    outRow->addWidget(browse);

    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Copy the photos"), int(ExportMode::Copy));
    m_mode->addItem(tr("Hard links (no extra space; copies where impossible)"),
                    int(ExportMode::Hardlink));
    m_mode->addItem(tr("Symbolic links to the originals"), int(ExportMode::Symlink));

    m_allNamed = new QCheckBox(tr("All named people"), this);
    m_allNamed->setChecked(true);
    m_persons = new QListWidget(this);
    m_persons->setEnabled(false);
    m_persons->setMinimumHeight(140);
    connect(m_allNamed, &QCheckBox::toggled, m_persons,
            [this](bool all) { m_persons->setEnabled(!all); });
    m_unnamed = new QCheckBox(tr("Also unnamed people (as “Unnamed 12”)"), this);
    m_unknown = new QCheckBox(tr("Also photos with unsorted faces (in “_Unknown”)"), this);
    m_xmp = new QCheckBox(tr("Write face names into XMP sidecars (digiKam, Lightroom)"), this);
    m_xmp->setChecked(true);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);

    m_buttons = new QDialogButtonBox(this);
    m_previewButton = m_buttons->addButton(tr("&Preview"), QDialogButtonBox::ActionRole);
    m_exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_buttons->addButton(QDialogButtonBox::Close);
    connect(m_previewButton, &QPushButton::clicked, this, &ExportDialog::preview);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Export into:"), outRow);
    form->addRow(tr("How:"), m_mode);
    m_together = new QCheckBox(this);
    m_together->setVisible(false);
    connect(m_together, &QCheckBox::toggled, this, [this](bool together) {
        for (QCheckBox *box : {m_allNamed, m_unnamed, m_unknown})
            box->setEnabled(!together);
        m_persons->setEnabled(!together && !m_allNamed->isChecked());
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_together);
    layout->addWidget(m_allNamed);
    layout->addWidget(m_persons);
    layout->addWidget(m_unnamed);
    layout->addWidget(m_unknown);
    layout->addWidget(m_xmp);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    fillPersons();
}

ExportDialog::~ExportDialog()
{
    if (m_cancel)
        *m_cancel = true;
}

void ExportDialog::fillPersons()
{
    Catalog catalog(m_catalogPath);
    if (!catalog.open())
        return;
    for (const PersonInfo &p : PeopleService(catalog).persons(false)) {
        auto *item = new QListWidgetItem(
            tr("%1 (%n photo(s))", nullptr, p.photos).arg(p.displayName()), m_persons);
        item->setData(Qt::UserRole, p.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.outDir = m_out->text().trimmed();
    o.catalogPath = m_catalogPath;
    o.mode = ExportMode(m_mode->currentData().toInt());
    o.writeXmp = m_xmp->isChecked();
    if (!m_togetherIds.isEmpty() && m_together->isChecked()) {
        for (qint64 id : m_togetherIds)
            o.together << QString::number(id);
        o.togetherOnly = m_togetherOnly;
        return o;
    }
    if (!m_allNamed->isChecked())
        for (int i = 0; i < m_persons->count(); ++i)
            if (m_persons->item(i)->checkState() == Qt::Checked)
                o.persons << QString::number(m_persons->item(i)->data(Qt::UserRole).toLongLong());
    o.includeUnnamed = m_unnamed->isChecked();
    o.includeUnknown = m_unknown->isChecked();
    o.writeXmp = m_xmp->isChecked();
    return o;
}

void ExportDialog::setOptions(const ExportOptions &o)
{
    if (!o.outDir.isEmpty())
        m_out->setText(o.outDir);
    m_mode->setCurrentIndex(m_mode->findData(int(o.mode)));
    m_unnamed->setChecked(o.includeUnnamed);
    m_unknown->setChecked(o.includeUnknown);
    m_xmp->setChecked(o.writeXmp);
}

void ExportDialog::offerTogether(const QList<qint64> &personIds, bool onlyThem,
                                 const QString &label)
{
    m_togetherIds = personIds;
    m_togetherOnly = onlyThem;
    m_together->setText(
        onlyThem ? tr("Only the photos of just them, as one folder “%1”").arg(label)
                 : tr("Only the photos of them together, as one folder “%1”").arg(label));
    m_together->setVisible(!personIds.isEmpty());
    m_together->setChecked(!personIds.isEmpty());
}

void ExportDialog::preview()
{
    run(true);
}

void ExportDialog::startExport()
{
    run(false);
}

void ExportDialog::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

void ExportDialog::reject()
{
    if (m_busy) {
        cancel(); // the run stops after the file in hand; the dialog stays
        return;
    }
    QDialog::reject();
}

void ExportDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_previewButton->setEnabled(!busy);
    m_exportButton->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Close)->setText(busy ? tr("Cancel") : tr("Close"));
    m_progress->setVisible(busy);
}

void ExportDialog::run(bool dryRun)
{
    if (m_busy)
        return;
    ExportOptions o = options();
    if (o.outDir.isEmpty()) {
        m_summary->setText(tr("Choose a folder to export into."));
        return;
    }
    if (!m_allNamed->isChecked() && o.persons.isEmpty()) {
        m_summary->setText(tr("Tick the people to export, or “All named people”."));
        return;
    }
    o.dryRun = dryRun;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    setBusy(true);
    m_progress->setRange(0, 0);
    m_summary->setText(dryRun ? tr("Looking at what would change…") : tr("Exporting…"));
    const auto cancelFlag = m_cancel;
    auto *watcher = new QFutureWatcher<ExportResult>(this);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, dryRun] {
        m_result = watcher->future().resultCount() ? watcher->result() : ExportResult{};
        watcher->deleteLater();
        setBusy(false);
        showResult(dryRun);
        Q_EMIT finished(dryRun, m_result.ok);
    });
    // The cancel flag, not QFuture::cancel(): a cancelled future drops its
    // result, and the user wants to read what was done.
    watcher->setFuture(QtConcurrent::run([o, cancelFlag](QPromise<ExportResult> &promise) {
        promise.addResult(Exporter::run(
            o,
            [&promise](int done, int total) {
                promise.setProgressRange(0, total);
                promise.setProgressValue(done);
            },
            [cancelFlag] { return cancelFlag->load(); }));
    }));
}

void ExportDialog::showResult(bool dryRun)
{
    const ExportResult &r = m_result;
    QString text;
    if (!r.ok && !r.error.isEmpty())
        text = tr("The export stopped: %1").arg(r.error) + QStringLiteral("\n");
    else if (r.cancelled)
        text = tr("Cancelled. What was exported so far is complete and listed in the folder's "
                  "manifest.") +
               QStringLiteral("\n");
    const QString counts =
        tr("%n new photo(s), ", nullptr, r.created) + tr("%n already there, ", nullptr, r.kept) +
        tr("%n to move, ", nullptr, r.moved) + tr("%n to remove", nullptr, r.removed);
    text += dryRun ? tr("Would export: %1.").arg(counts) : tr("Done: %1.").arg(counts);
    if (r.left)
        text += QStringLiteral("\n") +
                tr("%n file(s) changed by someone else stay untouched.", nullptr, r.left);
    if (r.skipped)
        text += QStringLiteral("\n") + tr("%n photo(s) could not be exported.", nullptr, r.skipped);
    for (const QString &note : r.notes)
        text += QStringLiteral("\n") + note;
    m_summary->setText(text);
}

} // namespace facefolio
