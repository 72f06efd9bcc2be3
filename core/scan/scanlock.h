#pragma once

#include <QString>

namespace facefolio {

/// One scan per catalog at a time: held by a running scan (or re-encoding)
/// of the catalog, across processes (the window and facefolio-cli, or two
/// CLI runs). It is an advisory lock on a file beside the catalog
/// (`CATALOG.scan-lock`) that the kernel releases when its holder ends, so
/// a killed process cannot leave it behind; the file itself only names the
/// holder for the message others get.
class ScanLock final
{
public:
    explicit ScanLock(QString catalogPath);
    ~ScanLock();
    ScanLock(const ScanLock &) = delete;
    ScanLock &operator=(const ScanLock &) = delete;

    /// Takes the lock without waiting; `what` says what this holder does
    /// ("scan", "re-encoding"). False with errorString() naming the holder
    /// when another scan has it, or why the lock file cannot be used.
    bool tryLock(const QString &what);
    void unlock();
    bool isLocked() const { return m_fd >= 0; }
    QString errorString() const { return m_error; }

    /// The lock file of a catalog.
    static QString lockPath(const QString &catalogPath);

private:
    QString m_catalogPath;
    QString m_error;
    int m_fd = -1;
};

} // namespace facefolio
