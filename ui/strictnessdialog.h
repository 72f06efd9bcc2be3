#pragma once

#include "people/clusterer.h"

#include <QDialog>
#include <QFuture>

class QLabel;
class QSlider;
class QTimer;

namespace facefolio {

/// People > Grouping Strictness…: a slider from "join more" to "keep apart"
/// and, live as it moves, what a regrouping at that strictness would change
/// against today's people, computed off the UI thread by a dry run of the
/// same clustering Apply runs (every face, every decision kept).
class StrictnessDialog final : public QDialog
{
    Q_OBJECT

public:
    /// Levels of the slider; 0 is the model's measured default.
    static constexpr int kMinLevel = -3;
    static constexpr int kMaxLevel = 3;

    StrictnessDialog(QString catalogPath, EncoderModel model, ClusterOptions current,
                     QWidget *parent = nullptr);
    ~StrictnessDialog() override;

    /// The clustering cut at a level: 5% of the default per step, lower
    /// (stricter) to the right.
    static double cutAt(int level, EncoderModel model);
    /// The level whose cut is nearest `cut`.
    static int levelOf(double cut, EncoderModel model);

    int level() const;
    void setLevel(int level);
    /// What Apply runs: a full re-cluster at the chosen level.
    ClusterOptions options() const;
    /// The preview on screen ("5 persons would be joined, …"), empty while computing.
    QString previewText() const;
    /// The last preview's figures, for tests; ok is false until one arrived.
    ClusterSummary preview() const { return m_preview; }

Q_SIGNALS:
    void previewReady();

private:
    void startPreview();

    QString m_path;
    EncoderModel m_model;
    ClusterOptions m_base;
    QSlider *m_slider = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_previewLabel = nullptr;
    QTimer *m_debounce = nullptr;
    quint64 m_asked = 0;
    ClusterSummary m_preview;
    QFuture<ClusterSummary> m_task;
};

} // namespace facefolio
