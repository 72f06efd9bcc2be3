#include "strictnessdialog.h"

#include "catalog/catalog.h"

#include <QDialogButtonBox>
#include <QFuture>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>

namespace facefolio {

StrictnessDialog::StrictnessDialog(QString catalogPath, EncoderModel model, ClusterOptions current,
                                   QWidget *parent)
    : QDialog(parent)
    , m_path(std::move(catalogPath))
    , m_model(model)
    , m_base(std::move(current))
{
    setWindowTitle(tr("Grouping Strictness"));
    auto *intro = new QLabel(tr("How sure the grouping must be before it puts faces into one "
                                "person. Stricter keeps look-alikes (siblings, small children) "
                                "apart and asks you instead; looser joins more by itself. Your "
                                "names, merges and corrections are kept either way."),
                             this);
    intro->setWordWrap(true);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(kMinLevel, kMaxLevel);
    m_slider->setPageStep(1);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setAccessibleName(tr("Strictness"));
    m_value = new QLabel(this);
    m_previewLabel = new QLabel(this);
    m_previewLabel->setWordWrap(true);
    QFont f = m_previewLabel->font();
    f.setBold(true);
    m_previewLabel->setFont(f);
    auto *scale = new QGridLayout;
    scale->addWidget(new QLabel(tr("Join more"), this), 0, 0);
    scale->addWidget(m_slider, 0, 1);
    scale->addWidget(new QLabel(tr("Keep apart"), this), 0, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(scale);
    layout->addWidget(m_value);
    layout->addWidget(m_previewLabel);
    layout->addWidget(buttons);
    resize(520, 240);

    // A drag of the slider asks for one preview, once it rests.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &StrictnessDialog::startPreview);
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        m_value->setText(level() == 0 ? tr("The default for this face model")
                                      : tr("Distance for one person: %1 (default %2)")
                                            .arg(cutAt(level(), m_model), 0, 'f', 3)
                                            .arg(cutAt(0, m_model), 0, 'f', 3));
        m_previewLabel->setText(tr("Working out what would change…"));
        m_preview = {};
        ++m_asked;
        m_debounce->start();
    });
    const double cut = m_base.threshold > 0 ? m_base.threshold : cutAt(0, m_model);
    m_slider->setValue(levelOf(cut, m_model));
    Q_EMIT m_slider->valueChanged(m_slider->value());
}

double StrictnessDialog::cutAt(int level, EncoderModel model)
{
    ClusterOptions o;
    o.method = ClusterOptions::Method::AverageLinkage;
    return Clusterer::withDefaults(o, model).threshold * (1.0 - 0.05 * level);
}

int StrictnessDialog::levelOf(double cut, EncoderModel model)
{
    int best = 0;
    for (int l = kMinLevel; l <= kMaxLevel; ++l)
        if (std::abs(cutAt(l, model) - cut) < std::abs(cutAt(best, model) - cut))
            best = l;
    return best;
}

StrictnessDialog::~StrictnessDialog()
{
    // A dry run reads the catalog on its own connection: let it finish.
    m_task.waitForFinished();
}

int StrictnessDialog::level() const
{
    return m_slider->value();
}

void StrictnessDialog::setLevel(int level)
{
    m_slider->setValue(level);
}

ClusterOptions StrictnessDialog::options() const
{
    ClusterOptions o = m_base;
    o.method = ClusterOptions::Method::Auto;
    o.threshold = cutAt(level(), m_model);
    o.full = true;
    o.dryRun = false;
    return o;
}

QString StrictnessDialog::previewText() const
{
    return m_preview.ok ? m_previewLabel->text() : QString();
}

void StrictnessDialog::startPreview()
{
    ClusterOptions o = options();
    o.dryRun = true;
    const quint64 asked = m_asked;
    m_task = QtConcurrent::run([path = m_path, o] {
        Catalog catalog(path);
        if (!catalog.open()) {
            ClusterSummary s;
            s.error = catalog.errorString();
            return s;
        }
        return Clusterer::run(catalog, o);
    });
    m_task.then(this, [this, asked](const ClusterSummary &s) {
        if (asked != m_asked)
            return; // the slider moved on
        m_preview = s;
        if (!s.ok)
            m_previewLabel->setText(tr("Cannot work out what would change: %1").arg(s.error));
        else if (s.movedFaces == 0)
            m_previewLabel->setText(tr("Nothing would change."));
        else {
            // "5 persons would be joined, 2 split, 140 faces would move",
            // leaving out what would not happen.
            QStringList parts;
            if (s.joinedPersons)
                parts << tr("%n person(s) would be joined", nullptr, s.joinedPersons);
            if (s.splitPersons)
                parts << (s.joinedPersons
                              ? tr("%n split", nullptr, s.splitPersons)
                              : tr("%n person(s) would be split", nullptr, s.splitPersons));
            parts << tr("%n face(s) would move", nullptr, s.movedFaces);
            m_previewLabel->setText(parts.join(tr(", ")));
        }
        Q_EMIT previewReady();
    });
}

} // namespace facefolio
