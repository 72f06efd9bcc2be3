#include "terminalprogress.h"

#include "scan/scanner.h"

#include <cstdio>
#include <unistd.h>

namespace facefolio {

TerminalProgress::TerminalProgress()
    : m_enabled(isatty(STDERR_FILENO) != 0)
{}

void TerminalProgress::update(const ScanProgress &p)
{
    if (!m_enabled || p.total == 0)
        return;
    const int width = 30;
    const int filled = p.total > 0 ? int(double(p.done) / p.total * width) : 0;
    QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
    QString eta = QStringLiteral("--:--");
    if (p.etaSeconds >= 0) {
        const int secs = int(p.etaSeconds + 0.5);
        eta = QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
    }
    const QString line =
        QStringLiteral("\r[%1] %2/%3 photos  %4 faces  %5 failed  %6 photos/s  ETA %7 ")
            .arg(bar)
            .arg(p.done)
            .arg(p.total)
            .arg(p.faces)
            .arg(p.failures)
            .arg(p.photosPerSecond, 0, 'f', 1)
            .arg(eta);
    std::fputs(line.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    m_drawn = true;
}

void TerminalProgress::finish()
{
    if (m_drawn)
        std::fputs("\r\033[K", stderr);
    m_drawn = false;
}

} // namespace facefolio
