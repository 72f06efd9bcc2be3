#pragma once

#include "people/reviewquestions.h"

#include <QDialog>
#include <QSet>
#include <QString>
#include <optional>

class QLabel;
class QListView;
class QPushButton;

namespace facefolio {

class PeopleController;
class ReviewFaceModel;
class ReviewSession;
class ThumbnailCache;

/// People > Review…: the grouping's open questions, one at a time, keyboard
/// first.
/// - "Same person?": a few faces of each group, spread over the years and
///   captioned with their year. Yes (Y, Return) merges them as a drag would,
///   No (N) keeps them apart for good.
/// - "More photos of X?": the faces that may be X, all ticked; untick the
///   wrong ones, then Return confirms the ticked and rejects the rest in one
///   step; N rejects them all.
/// Not sure (Space) asks again later; Ctrl+Z undoes the last answer. The
/// next question is taken from the list already on hand, so it is on screen
/// at once; the list is ranked again in the background after each answer.
class ReviewDialog final : public QDialog
{
    Q_OBJECT

public:
    ReviewDialog(ReviewSession *session, PeopleController *controller, ThumbnailCache *thumbnails,
                 QWidget *parent = nullptr);

    /// The question on screen, if any.
    std::optional<ReviewQuestion> current() const { return m_current; }
    /// For "More photos of X?": the candidate faces it shows.
    QList<qint64> candidates() const;
    ReviewFaceModel *modelA() const { return m_modelA; }
    ReviewFaceModel *modelB() const { return m_modelB; }
    QListView *viewB() const { return m_viewB; }

public Q_SLOTS:
    void answerYes();
    void answerNo();
    void notSure();
    void undo();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void sessionChanged();
    void showNext();
    void showQuestion(const ReviewQuestion &q);
    bool touched(const ReviewQuestion &q) const;
    QString key(const ReviewQuestion &q) const;
    QList<int> years(const QList<qint64> &faces) const;
    QString personText(qint64 personId) const;
    /// Marks what an answer changed, until the ranking has seen it.
    void answered(const QList<qint64> &persons, const QList<qint64> &faces);

    ReviewSession *m_session;
    PeopleController *m_controller;
    std::shared_ptr<const ReviewQuestions> m_questions;
    std::optional<ReviewQuestion> m_current;
    QList<qint64> m_faceGroup; ///< face questions shown together (one person)
    QSet<QString> m_later;     ///< "not sure": asked after the rest
    QSet<qint64> m_touchedPersons, m_touchedFaces;
    int m_undoIndex = 0;
    quint64 m_answeredAt = 0; ///< ReviewSession::requested() after the last answer

    QLabel *m_title = nullptr;
    QLabel *m_labelA = nullptr;
    QLabel *m_labelB = nullptr;
    QLabel *m_left = nullptr;
    QListView *m_viewA = nullptr;
    QListView *m_viewB = nullptr;
    ReviewFaceModel *m_modelA = nullptr;
    ReviewFaceModel *m_modelB = nullptr;
    QPushButton *m_yes = nullptr;
    QPushButton *m_no = nullptr;
    QPushButton *m_later_ = nullptr;
    QPushButton *m_undo = nullptr;
};

} // namespace facefolio
