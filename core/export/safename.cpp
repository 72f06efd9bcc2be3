#include "export/safename.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace facefolio {

namespace {

bool refused(QChar c)
{
    static const QString windows = QStringLiteral("<>:\"/\\|?*");
    return c.unicode() < 0x20 || c.unicode() == 0x7f || windows.contains(c) ||
           c.category() == QChar::Other_Format;
}

QString cutToBytes(const QString &s, int maxBytes)
{
    if (s.toUtf8().size() <= maxBytes)
        return s;
    QString out;
    int bytes = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        // Never split a surrogate pair.
        const qsizetype n = s[i].isHighSurrogate() && i + 1 < s.size() ? 2 : 1;
        const int len = int(s.mid(i, n).toUtf8().size());
        if (bytes + len > maxBytes)
            break;
        out += s.mid(i, n);
        bytes += len;
        i += n - 1;
    }
    return out;
}

} // namespace

QString SafeName::clean(const QString &name)
{
    QString s;
    s.reserve(name.size());
    for (QChar c : name.normalized(QString::NormalizationForm_C))
        s += refused(c) ? QChar(u'_') : c;
    s = s.simplified();
    while (s.startsWith(u'.') || s.startsWith(u' '))
        s.remove(0, 1);
    s = cutToBytes(s, kMaxBytes);
    while (s.endsWith(u'.') || s.endsWith(u' '))
        s.chop(1);
    if (s.isEmpty() || s.count(u'_') == s.size())
        return {};
    static const QRegularExpression device(
        QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?$"),
        QRegularExpression::CaseInsensitiveOption);
    if (device.match(s).hasMatch())
        s += u'_';
    return s;
}

QString SafeName::unique(const QString &wanted, QSet<QString> &taken, bool extension)
{
    QString stem = wanted, suffix;
    if (extension) {
        const qsizetype dot = wanted.lastIndexOf(u'.');
        if (dot > 0) {
            stem = wanted.left(dot);
            suffix = wanted.mid(dot);
        }
    }
    QString candidate = wanted;
    for (int n = 2; taken.contains(key(candidate)); ++n)
        candidate = QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(suffix);
    taken.insert(key(candidate));
    return candidate;
}

} // namespace facefolio
