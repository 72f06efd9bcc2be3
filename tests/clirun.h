#pragma once

// Runs facefolio-cli (or any program) as a child process for the tests that
// drive the real binary, and keeps what it printed.

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace facefolio::test {

/// A finished child: its exit code (-2 when it crashed, -1 when it did not
/// start or finish in time) and its output.
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
    QList<QByteArray> outLines() const
    {
        QList<QByteArray> lines = out.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        return lines;
    }
    QList<QByteArray> errLines() const
    {
        QList<QByteArray> lines;
        for (const QByteArray &l : err.split('\n'))
            if (!l.trimmed().isEmpty())
                lines << l;
        return lines;
    }
};

/// Runs `program` with `args` in `env` and waits up to three minutes.
inline Run runProgram(const QString &program, const QStringList &args,
                      const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        r.err = "facefolio-cli did not start or did not finish";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace facefolio::test
