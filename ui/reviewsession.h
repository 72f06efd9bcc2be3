#pragma once

#include "people/reviewquestions.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <memory>

namespace facefolio {

/// The review questions of the window's catalog, kept up to date off the UI
/// thread: the first load builds the neighbour graph, every later refresh()
/// (after an edit, a scan or a clustering) ranks again on a copy that shares
/// it, so the UI always reads a complete, unchanging set of questions.
class ReviewSession final : public QObject
{
    Q_OBJECT

public:
    explicit ReviewSession(QString catalogPath, QObject *parent = nullptr);
    ~ReviewSession() override;

    /// Ranks the questions again in the background; loads them the first time.
    void refresh();
    /// The current questions, or null before the first load finished.
    std::shared_ptr<const ReviewQuestions> questions() const { return m_questions; }
    int count() const { return m_questions ? int(m_questions->questions().size()) : 0; }
    /// A load or refresh is running.
    bool busy() const { return m_running; }
    /// Every refresh() asked for so far is counted; questions() reflects the
    /// catalog as it was at the completed() one.
    quint64 requested() const { return m_requested; }
    quint64 completed() const { return m_completed; }

Q_SIGNALS:
    /// New questions are in questions().
    void changed();
    void failed(const QString &message);

private:
    QString m_path;
    QFuture<std::pair<std::shared_ptr<ReviewQuestions>, QString>> m_task;
    std::shared_ptr<const ReviewQuestions> m_questions;
    bool m_running = false;
    quint64 m_requested = 0;
    quint64 m_completed = 0;
};

} // namespace facefolio
