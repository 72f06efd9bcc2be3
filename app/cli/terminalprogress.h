#pragma once

#include <QString>

namespace facefolio {

struct ScanProgress;

/// Draws a one-line progress bar on stderr when it is a terminal; silent otherwise.
class TerminalProgress final
{
public:
    TerminalProgress();
    void update(const ScanProgress &p);
    /// Clears the bar so the next line starts clean.
    void finish();

private:
    bool m_enabled;
    bool m_drawn = false;
};

} // namespace facefolio
