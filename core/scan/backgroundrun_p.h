#pragma once

// Private to core/scan: runs a scan-like job (Scanner::run, Reencoder::run)
// on a background thread as a QFuture whose progress follows the job's.

#include "scan/scanner.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <memory>

namespace facefolio::detail {

/// `run(options, models, cancelled)` on the global pool. The future's
/// progress is the job's photos, with `text(progress)` as its text; the
/// job stops when the future is cancelled or `options.stop` is set.
template <typename Summary, typename Options, typename Run, typename Text>
QFuture<Summary> startInBackground(Options options, std::shared_ptr<const FaceModels> models,
                                   Run run, Text text)
{
    return QtConcurrent::run([options = std::move(options), models = std::move(models), run,
                              text](QPromise<Summary> &promise) {
        Options opts = options;
        opts.onProgress = [&promise, &text, user = options.onProgress](const ScanProgress &p) {
            promise.setProgressRange(0, p.total);
            promise.setProgressValueAndText(p.done, text(p));
            if (user)
                user(p);
        };
        const std::shared_ptr<std::atomic<bool>> stop = options.stop;
        promise.addResult(run(opts, models, [&promise, stop] {
            return promise.isCanceled() || (stop && stop->load());
        }));
    });
}

} // namespace facefolio::detail
