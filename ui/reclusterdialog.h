#pragma once

#include "people/clusterer.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace facefolio {

/// Choose how to re-cluster: the method and its parameters, and whether to
/// redo every face or only the faces no clustering has placed yet. The
/// user's decisions are kept either way.
class ReclusterDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ReclusterDialog(const ClusterOptions &initial, QWidget *parent = nullptr);
    ClusterOptions options() const;

private:
    void updateVisibility();

    QComboBox *m_method = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QDoubleSpinBox *m_eps = nullptr;
    QSpinBox *m_minSamples = nullptr;
    QCheckBox *m_full = nullptr;
    QLabel *m_thresholdLabel = nullptr;
    QLabel *m_epsLabel = nullptr;
    QLabel *m_minSamplesLabel = nullptr;
};

} // namespace facefolio
