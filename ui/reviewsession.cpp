#include "reviewsession.h"

#include "catalog/catalog.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

namespace facefolio {

ReviewSession::ReviewSession(QString catalogPath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(catalogPath))
{}

ReviewSession::~ReviewSession()
{
    // The ranking reads the catalog on its own connection: let it finish
    // before the window (and at exit the SQL driver) goes away.
    m_task.waitForFinished();
}

void ReviewSession::refresh()
{
    ++m_requested;
    if (m_running)
        return; // run again once this run is done: the catalog changed meanwhile
    m_running = true;
    const quint64 generation = m_requested;
    const std::shared_ptr<const ReviewQuestions> base = m_questions;
    m_task = QtConcurrent::run([path = m_path, base] {
        auto next =
            base ? std::make_shared<ReviewQuestions>(*base) : std::make_shared<ReviewQuestions>();
        Catalog catalog(path);
        if (!catalog.open())
            return std::pair{next, catalog.errorString()};
        const bool ok = base ? next->refresh(catalog) : next->load(catalog);
        return std::pair{next, ok ? QString() : next->errorString()};
    });
    m_task.then(this,
                [this, generation](const std::pair<std::shared_ptr<ReviewQuestions>, QString> &r) {
                    m_running = false;
                    const bool newer = m_requested > generation;
                    if (!r.second.isEmpty()) {
                        Q_EMIT failed(r.second);
                    } else {
                        m_questions = r.first;
                        m_completed = generation;
                        // An edit that came in meanwhile is not in this ranking: rank
                        // again before showing it.
                        if (!newer)
                            Q_EMIT changed();
                    }
                    if (newer) {
                        --m_requested; // refresh() counts itself again
                        refresh();
                    }
                });
}

} // namespace facefolio
