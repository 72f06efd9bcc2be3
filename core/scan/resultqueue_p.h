#pragma once

// Private to core/scan: results travel from a pool of workers to the one
// thread that writes the catalog.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace facefolio::detail {

template <typename T> class ResultQueue final
{
public:
    void push(T r)
    {
        {
            std::lock_guard lock(m_mutex);
            m_items.push_back(std::move(r));
        }
        m_cv.notify_one();
    }
    /// Everything queued, waiting at most `waitMs` for the first item.
    std::deque<T> takeAll(int waitMs)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, std::chrono::milliseconds(waitMs), [&] { return !m_items.empty(); });
        return std::exchange(m_items, {});
    }
    bool isEmpty()
    {
        std::lock_guard lock(m_mutex);
        return m_items.empty();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<T> m_items;
};

} // namespace facefolio::detail
