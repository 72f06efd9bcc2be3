#include "reclusterdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace facefolio {

ReclusterDialog::ReclusterDialog(const ClusterOptions &initial, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Re-cluster"));
    auto *form = new QFormLayout;
    m_method = new QComboBox(this);
    m_method->addItem(tr("Automatic (recommended)"), int(ClusterOptions::Method::Auto));
    m_method->addItem(tr("Average linkage"), int(ClusterOptions::Method::AverageLinkage));
    m_method->addItem(tr("Chinese whispers"), int(ClusterOptions::Method::ChineseWhispers));
    m_method->addItem(tr("DBSCAN"), int(ClusterOptions::Method::Dbscan));
    m_method->setCurrentIndex(std::max(0, m_method->findData(int(initial.method))));
    form->addRow(tr("&Method:"), m_method);

    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setRange(0.0, 2.0); // ArcFace distances reach 2
    m_threshold->setDecimals(2);
    m_threshold->setSingleStep(0.01);
    m_threshold->setSpecialValueText(tr("Default"));
    m_threshold->setValue(initial.threshold < 0 ? 0.0 : initial.threshold);
    m_threshold->setToolTip(tr("How far apart two faces may be and still be one person. "
                               "Lower splits more, higher merges more."));
    m_thresholdLabel = new QLabel(tr("&Distance limit:"), this);
    m_thresholdLabel->setBuddy(m_threshold);
    form->addRow(m_thresholdLabel, m_threshold);

    m_eps = new QDoubleSpinBox(this);
    m_eps->setRange(0.0, 2.0);
    m_eps->setDecimals(2);
    m_eps->setSingleStep(0.01);
    m_eps->setSpecialValueText(tr("Default"));
    m_eps->setValue(initial.eps < 0 ? 0.0 : initial.eps);
    m_epsLabel = new QLabel(tr("&Radius (eps):"), this);
    m_epsLabel->setBuddy(m_eps);
    form->addRow(m_epsLabel, m_eps);

    m_minSamples = new QSpinBox(this);
    m_minSamples->setRange(1, 100);
    m_minSamples->setValue(initial.minSamples);
    m_minSamplesLabel = new QLabel(tr("Minimum &samples:"), this);
    m_minSamplesLabel->setBuddy(m_minSamples);
    form->addRow(m_minSamplesLabel, m_minSamples);

    m_full = new QCheckBox(tr("Re-cluster &all faces, not only new ones"), this);
    m_full->setChecked(true);

    auto *note = new QLabel(tr("Your names, merges, moves and removals are kept. "
                               "Re-clustering can be undone."),
                            this);
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Re-cluster"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_full);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(m_method, &QComboBox::currentIndexChanged, this, &ReclusterDialog::updateVisibility);
    updateVisibility();
}

void ReclusterDialog::updateVisibility()
{
    const bool dbscan = m_method->currentData().toInt() == int(ClusterOptions::Method::Dbscan);
    m_threshold->setVisible(!dbscan);
    m_thresholdLabel->setVisible(!dbscan);
    m_eps->setVisible(dbscan);
    m_epsLabel->setVisible(dbscan);
    m_minSamples->setVisible(dbscan);
    m_minSamplesLabel->setVisible(dbscan);
}

ClusterOptions ReclusterDialog::options() const
{
    ClusterOptions o;
    o.method = ClusterOptions::Method(m_method->currentData().toInt());
    o.threshold = m_threshold->value() <= 0.0 ? -1 : m_threshold->value();
    o.eps = m_eps->value() <= 0.0 ? -1 : m_eps->value();
    o.minSamples = m_minSamples->value();
    o.full = m_full->isChecked();
    return o;
}

} // namespace facefolio
