// Inputs the libFuzzer targets in fuzz/ found crashing or misbehaving, kept
// as regression tests and rebuilt here in code (no binary fixtures).

#include "metadata/xmpregions.h"

#include <QTest>
#include <cmath>

using namespace facefolio;

namespace {

/// An MWG regions packet with one face named Anna, its dimensions and area
/// as given (strings, as another tool may have written them).
QByteArray regionsPacket(const QByteArray &w, const QByteArray &h, const QByteArray &x = "0.5",
                         const QByteArray &areaW = "0.2")
{
    return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
           "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
           "xmlns:mwg-rs=\"http://www.metadataworkinggroup.com/schemas/regions/\" "
           "xmlns:stArea=\"http://ns.adobe.com/xmp/sType/Area#\" "
           "xmlns:stDim=\"http://ns.adobe.com/xap/1.0/sType/Dimensions#\"><mwg-rs:Regions "
           "rdf:parseType=\"Resource\"><mwg-rs:AppliedToDimensions stDim:w=\"" +
           w + "\" stDim:h=\"" + h +
           "\" stDim:unit=\"pixel\"/><mwg-rs:RegionList><rdf:Bag><rdf:li><rdf:Description "
           "mwg-rs:Name=\"Anna\" mwg-rs:Type=\"Face\"><mwg-rs:Area stArea:x=\"" +
           x + "\" stArea:y=\"0.5\" stArea:w=\"" + areaW +
           "\" stArea:h=\"0.3\" stArea:unit=\"normalized\"/></rdf:Description></rdf:li></"
           "rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions></rdf:Description></rdf:RDF></"
           "x:xmpmeta>";
}

} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xmpHugeDimensions_data();
    void xmpHugeDimensions();
    void xmpNonFiniteArea();
};

void TestFuzzRegressions::xmpHugeDimensions_data()
{
    QTest::addColumn<QByteArray>("w");
    QTest::addColumn<QByteArray>("h");
    // fuzz_xmpregions: a height of 3e121 was converted to int (undefined
    // behaviour; UBSan stopped the reader).
    QTest::newRow("122-digit height") << QByteArray("400") << ("300" + QByteArray(119, '2'));
    QTest::newRow("exponent width") << QByteArray("4e12") << QByteArray("300");
    QTest::newRow("infinite") << QByteArray("inf") << QByteArray("300");
    QTest::newRow("not a number") << QByteArray("nan") << QByteArray("nan");
    QTest::newRow("negative") << QByteArray("-400") << QByteArray("300");
}

void TestFuzzRegressions::xmpHugeDimensions()
{
    QFETCH(QByteArray, w);
    QFETCH(QByteArray, h);
    QSize dimensions(1, 1);
    const QList<XmpFaceRegion> regions = XmpRegions::read(regionsPacket(w, h), &dimensions);
    // The face is still read; the impossible size is reported as unknown.
    QCOMPARE(regions.size(), 1);
    QCOMPARE(regions.first().name, QStringLiteral("Anna"));
    QVERIFY2(!dimensions.isValid(),
             qPrintable(QStringLiteral("%1x%2").arg(dimensions.width()).arg(dimensions.height())));
    // A sane size next to it is taken as written.
    QVERIFY(!XmpRegions::read(regionsPacket("400", "300"), &dimensions).isEmpty());
    QCOMPARE(dimensions, QSize(400, 300));
}

void TestFuzzRegressions::xmpNonFiniteArea()
{
    // An area the importer would turn into a NaN or infinite face box is dropped.
    for (const QByteArray &x : {QByteArray("nan"), QByteArray("inf"), QByteArray("-inf")})
        QVERIFY2(XmpRegions::read(regionsPacket("400", "300", x)).isEmpty(), x.constData());
    QVERIFY(XmpRegions::read(regionsPacket("400", "300", "0.5", "inf")).isEmpty());
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
