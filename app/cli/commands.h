#pragma once

#include <QStringList>

// facefolio-cli's commands. Each takes its arguments (the command name first)
// and returns the process exit code: 0 done, 1 could not be done, 2 usage.
namespace facefolio::cli {

int cmdScan(const QStringList &args);
int cmdReencode(const QStringList &args);
int cmdFaces(const QStringList &args);
int cmdPhotos(const QStringList &args);
int cmdStats(const QStringList &args);
int cmdCluster(const QStringList &args);
int cmdPeople(const QStringList &args);
int cmdRename(const QStringList &args);
int cmdMerge(const QStringList &args);
int cmdMove(const QStringList &args);
int cmdReject(const QStringList &args);
int cmdNotFace(const QStringList &args);
int cmdHide(const QStringList &args);
int cmdBirthDate(const QStringList &args);
int cmdUndo(const QStringList &args);
int cmdRedo(const QStringList &args);
int cmdHistory(const QStringList &args);
int cmdExport(const QStringList &args);
int cmdSuggest(const QStringList &args);
int cmdAnswer(const QStringList &args);
int cmdAddFace(const QStringList &args);
int cmdTag(const QStringList &args);
int cmdUntag(const QStringList &args);

} // namespace facefolio::cli
