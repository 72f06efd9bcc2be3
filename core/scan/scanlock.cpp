#include "scan/scanlock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace facefolio {

ScanLock::ScanLock(QString catalogPath)
    : m_catalogPath(std::move(catalogPath))
{}

ScanLock::~ScanLock()
{
    unlock();
}

QString ScanLock::lockPath(const QString &catalogPath)
{
    return QFileInfo(catalogPath).absoluteFilePath() + QStringLiteral(".scan-lock");
}

bool ScanLock::tryLock(const QString &what)
{
    if (m_fd >= 0)
        return true;
    const QByteArray path = QFile::encodeName(lockPath(m_catalogPath));
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        m_error = QStringLiteral("cannot use the scan lock %1: %2")
                      .arg(lockPath(m_catalogPath), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // flock() locks belong to this open file: a second ScanLock, in this
    // process or another, is refused until this one is released or its
    // process ends.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int why = errno;
        QByteArray holder(512, '\0');
        const ssize_t n = ::pread(fd, holder.data(), holder.size(), 0);
        ::close(fd);
        holder.resize(n > 0 ? n : 0);
        if (why != EWOULDBLOCK) {
            m_error = QStringLiteral("cannot use the scan lock %1: %2")
                          .arg(lockPath(m_catalogPath), QString::fromLocal8Bit(std::strerror(why)));
            return false;
        }
        const QString who = QString::fromUtf8(holder).trimmed();
        m_error =
            QStringLiteral("another scan of catalog %1 is running%2; wait for it to "
                           "finish or stop it, then try again")
                .arg(m_catalogPath, who.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(who));
        return false;
    }
    // Who holds it, for the message others get.
    const QByteArray text =
        QStringLiteral("%1 by %2, process %3, since %4")
            .arg(what, QCoreApplication::instance()
                           ? QFileInfo(QCoreApplication::applicationFilePath()).fileName()
                           : QStringLiteral("Facefolio"))
            .arg(::getpid())
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm")))
            .toUtf8();
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.constData(), size_t(text.size()), 0) < 0) {
        // The lock holds all the same; only the holder's name is missing.
    }
    m_fd = fd;
    m_error.clear();
    return true;
}

void ScanLock::unlock()
{
    if (m_fd < 0)
        return;
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
}

} // namespace facefolio
