// The Korean translation is complete and safe to use: every message of the
// app is translated, keeps its placeholders and keyboard accelerator, and
// the window really shows Korean when it is loaded. English plural forms
// read as English ("1 face", "2 faces").

#include "mainwindow.h"

#include <QFile>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace facefolio;

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; ///< one, or the numerus forms
    bool unfinished = false;
};

std::vector<Message> readTs(const QString &path, QString *error)
{
    std::vector<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message{context, {}, {}, false};
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            m.unfinished = type == QLatin1String("unfinished") || type == QLatin1String("vanished");
            // Either text, or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    m.translations << xml.readElementText();
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (m.translations.isEmpty())
                m.translations << text;
            out.push_back(m);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (const auto &m : re.globalMatch(text))
        found.insert(m.captured(0));
    return found;
}

bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("&[^&\\s]"));
    return re.match(QString(text).remove(QStringLiteral("&&"))).hasMatch();
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void koreanIsCompleteAndKeepsPlaceholders()
    {
        QString error;
        const auto messages = readTs(
            QStringLiteral(FACEFOLIO_SOURCE_DIR "/resources/translations/facefolio_ko.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 150);
        QStringList problems;
        for (const Message &m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            if (m.unfinished || m.translations.join(QString()).trimmed().isEmpty()) {
                problems << QStringLiteral("untranslated: ") + where;
                continue;
            }
            for (const QString &t : m.translations) {
                if (placeholders(t) != placeholders(m.source))
                    problems << QStringLiteral("placeholders differ: ") + where;
                if (hasAccelerator(m.source) && !hasAccelerator(t))
                    problems << QStringLiteral("accelerator lost: ") + where;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void theWindowSpeaksKorean()
    {
        QTranslator ko;
        QVERIFY(ko.load(QStringLiteral(":/i18n/facefolio_ko.qm")));
        QVERIFY(QCoreApplication::installTranslator(&ko));
        QTemporaryDir dir;
        MainWindow w(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(w.open());
        const QList<QAction *> menus = w.menuBar()->actions();
        QVERIFY(!menus.isEmpty());
        const QString file = menus.first()->text();
        QVERIFY2(file != QStringLiteral("&File"), qPrintable(file));
        static const QRegularExpression hangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}]"));
        QVERIFY2(hangul.match(file).hasMatch(), qPrintable(file));
        QCoreApplication::removeTranslator(&ko);
    }

    void englishPluralsReadAsEnglish()
    {
        QTranslator en;
        QVERIFY(en.load(QStringLiteral(":/i18n/facefolio_en.qm")));
        QCoreApplication::installTranslator(&en);
        QCOMPARE(QCoreApplication::translate("facefolio::MainWindow", "Unknown faces: %n face(s)",
                                             nullptr, 1),
                 QStringLiteral("Unknown faces: 1 face"));
        QCOMPARE(QCoreApplication::translate("facefolio::MainWindow", "Unknown faces: %n face(s)",
                                             nullptr, 3),
                 QStringLiteral("Unknown faces: 3 faces"));
        QCoreApplication::removeTranslator(&en);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
