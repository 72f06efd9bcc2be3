#include "modelsdialog.h"

#include "analysis/modellocator.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace facefolio {

ModelsDialog::ModelsDialog(const QString &problem, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Face Models Needed"));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QString script = fetchScript();
    m_text->setText(tr("<p><b>Facefolio needs its face models to find and recognise faces.</b></p>"
                       "<p>%1</p><p>They are about 17 MB from two npm packages, both under the MIT "
                       "licence: @vladmandic/face-api (the dlib face encoder and the SSD face "
                       "detector) and faceplugin-face-recognition-js (the ArcFace face encoder, "
                       "fr_feature.onnx). Facefolio checks their SHA-256 before using them. "
                       "Fetching them needs the internet and npm.</p>")
                        .arg(problem.toHtmlEscaped()) +
                    (script.isEmpty()
                         ? tr("<p>The fetch script was not found; run "
                              "<code>bash packaging/setup.sh</code> from the source tree.</p>")
                         : QString()));
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setVisible(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_fetch = m_buttons->addButton(tr("&Fetch the Models"), QDialogButtonBox::AcceptRole);
    m_fetch->setEnabled(!script.isEmpty());
    m_fetch->setDefault(true);
    connect(m_fetch, &QPushButton::clicked, this, &ModelsDialog::fetch);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);
    adjustSize();

    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, [this] {
        m_log->appendPlainText(QString::fromLocal8Bit(m_process.readAll()).trimmed());
    });
    connect(&m_process, &QProcess::finished, this, &ModelsDialog::finished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finished(-1, QProcess::CrashExit);
    });
}

ModelsDialog::~ModelsDialog()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QString ModelsDialog::fetchScript()
{
    const QString installed = ModelLocator::installedFetchScript();
    if (!installed.isEmpty())
        return installed;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("facefolio-fetch-models"));
    if (!onPath.isEmpty())
        return onPath;
#ifdef FACEFOLIO_SOURCE_DIR
    const QString source = QStringLiteral(FACEFOLIO_SOURCE_DIR "/packaging/fetch-models.sh");
    if (QFileInfo::exists(source))
        return source;
#endif
    return {};
}

void ModelsDialog::fetch()
{
    m_fetch->setEnabled(false);
    if (!m_log->isVisible())
        resize(width(), height() + 180);
    m_log->setVisible(true);
    m_log->clear();
    m_progress->setVisible(true);
    m_log->appendPlainText(tr("Fetching the face models…"));
    m_process.start(QStringLiteral("bash"), {fetchScript()});
}

void ModelsDialog::finished(int exitCode, QProcess::ExitStatus status)
{
    m_progress->setVisible(false);
    if (status == QProcess::NormalExit && exitCode == 0) {
        m_log->appendPlainText(tr("The models are installed."));
        accept();
        return;
    }
    m_fetch->setEnabled(true);
    m_fetch->setText(tr("&Try Again"));
    m_log->appendPlainText(
        tr("Fetching failed. Check the internet connection and that npm is installed "
           "(Debian package npm), then try again."));
}

} // namespace facefolio
