<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>facefolio::Age</name>
    <message>
        <source>%1 mo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::BackgroundWork</name>
    <message>
        <source>Loading the face models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning: %1 of %2 photos, %3 faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouping the new faces into people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-clustering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-cluster all faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster new faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encoding faces with %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encoding faces with %1: %L2 of %L3 photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regroup with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regrouping every face with %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::ExportDialog</name>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1 (%n photo)</numerusform>
            <numerusform>%1 (%n photos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new photo(s), </source>
        <translation>
            <numerusform>%n new photo, </numerusform>
            <numerusform>%n new photos, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there, </source>
        <translation>
            <numerusform>%n already there, </numerusform>
            <numerusform>%n already there, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to move, </source>
        <translation>
            <numerusform>%n to move, </numerusform>
            <numerusform>%n to move, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to remove</source>
        <translation>
            <numerusform>%n to remove</numerusform>
            <numerusform>%n to remove</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed by someone else stay untouched.</source>
        <translation>
            <numerusform>%n file changed by someone else stays untouched.</numerusform>
            <numerusform>%n files changed by someone else stay untouched.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be exported.</source>
        <translation>
            <numerusform>%n photo could not be exported.</numerusform>
            <numerusform>%n photos could not be exported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to export into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facefolio export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard links (no extra space; copies where impossible)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbolic links to the originals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All named people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also unnamed people (as “Unnamed 12”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also photos with unsorted faces (in “_Unknown”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write face names into XMP sidecars (digiKam, Lightroom)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder to export into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the people to export, or “All named people”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking at what would change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. What was exported so far is complete and listed in the folder&apos;s manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would export: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the photos of just them, as one folder “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the photos of them together, as one folder “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::FaceGridModel</name>
    <message>
        <source>distance from this person&apos;s average face: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::MainWindow</name>
    <message numerus="yes">
        <source>Unknown faces: %n face(s)</source>
        <translation>
            <numerusform>Unknown faces: %n face</numerusform>
            <numerusform>Unknown faces: %n faces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n face(s)</source>
        <translation>
            <numerusform>%1: %n face</numerusform>
            <numerusform>%1: %n faces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be read. They are left as they are; fix or remove them and rescan.</source>
        <translation>
            <numerusform>%n photo could not be read. It is left as it is; fix or remove it and rescan.</numerusform>
            <numerusform>%n photos could not be read. They are left as they are; fix or remove them and rescan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Facefolio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export People…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Unreadable Photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge Into…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;ove Faces To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Split Into New Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move From Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a &amp;Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set as &amp;Cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Photos of Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Hidden People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort People by &amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Least Alike Faces First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show first the faces that look least like the rest of the person, so faces that do not belong are easy to spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Facefolio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop; what was done so far is kept (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All photos: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Hidden Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 photos/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the current work to finish, or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Folder of Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan stopped: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan finished: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 photos, %2 new, %3 faces found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 could not be read (File &gt; Show Unreadable Photos)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clustering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clustering failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clustering stopped; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people, %2 faces not in a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clustering finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face models are missing; nothing was scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every photo could be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Faces To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” and “%2” both have a name. Which name should the merged person keep?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Facefolio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Facefolio %1&lt;/h3&gt;&lt;p&gt;Sorts a photo library by the people in it.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;dlib %3&lt;br&gt;OpenCV %4&lt;br&gt;Exiv2 %5&lt;/p&gt;&lt;p&gt;Models, each under the MIT licence:&lt;br&gt;%6&lt;br&gt;%7&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face &amp;Detector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Both (recommended): finds turned and small faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;HOG only: fastest, frontal faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SSD only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next scan (File &gt; Rescan) uses this detector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next scans use %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The faces will be re-encoded with %1 at the next scan (File &gt; Rescan); names and decisions are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The faces are being re-encoded with %1 in the background; names and decisions are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The faces could not be re-encoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encoding stopped: %L1 faces re-encoded, %L2 left; the next scan goes on from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regrouping stopped; the people were left as they were. People &gt; Re-cluster… groups every face with the new model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face Recognition &amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ArcFace (recommended): tells look-alike faces apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;dlib ResNet: the earlier model</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) to review</source>
        <translation>
            <numerusform>%n question to review</numerusform>
            <numerusform>%n questions to review</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the questions the grouping is unsure of: same person or not, and which faces belong to whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the people the grouping is unsure of (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likeliest persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown Faces by &amp;Likeliest Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group the unknown faces by the person each most likely is, so they can be dragged to that person together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouping &amp;Strictness…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose face is this?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing the face you drew…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face could not be added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the photo is no longer in the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face could not be moved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who else is in this photo?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;Birth Date…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s birth date, for their age on each photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Ages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label each face and photo with the person&apos;s age then, for people with a birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group Photos by A&amp;ge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group the photos of a person with a birth date by their age instead of by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only them (people without a name don&apos;t count)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out photos where another named person appears too. Strangers in the background, whom you have not named, do not count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>a list of people: Mom, Minji and Dad</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of a list</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos of only %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos with %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth Date of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face and photo grids show %1&apos;s age on each photo (View &gt; Show Ages), and the photos can be grouped by age.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Birth Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a date yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A birth date cannot be in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A birth date must be in 1800 or later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::ModelsDialog</name>
    <message>
        <source>Face Models Needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The fetch script was not found; run &lt;code&gt;bash packaging/setup.sh&lt;/code&gt; from the source tree.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fetch the Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the face models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The models are installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching failed. Check the internet connection and that npm is installed (Debian package npm), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Facefolio needs its face models to find and recognise faces.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;They are about 17 MB from two npm packages, both under the MIT licence: @vladmandic/face-api (the dlib face encoder and the SSD face detector) and faceplugin-face-recognition-js (the ArcFace face encoder, fr_feature.onnx). Facefolio checks their SHA-256 before using them. Fetching them needs the internet and npm.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::PeopleService</name>
    <message>
        <source>Unnamed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name cannot hold control characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split %1 into a new person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from their person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark %1 as not a face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark %1 as a face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the cover of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not the same person</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Confirm %n face(s) of %1</source>
        <translation>
            <numerusform>Confirm %n face of %1</numerusform>
            <numerusform>Confirm %n faces of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n face(s) are not %1</source>
        <translation>
            <numerusform>%n face is not %1</numerusform>
            <numerusform>%n faces are not %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Review faces of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a face of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a drawn face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a drawn face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag %1 on a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untag %1 from a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>that is not a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a birth date cannot be in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a birth date must be in 1800 or later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the birth date of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the birth date of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::PersonListModel</name>
    <message>
        <source>New person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown faces (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop faces here to make a new person of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces that belong to no person yet; drop faces here to take them out of their person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 faces, %2 photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 faces in %3 photos%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hidden)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::PhotoGridModel</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before %1 was born</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::PhotoViewer</name>
    <message>
        <source>This photo is no longer in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unnamed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be shown: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Draw a Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove This Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a box around a face that was not found (D). A face you drew can be moved by dragging it, resized by its corners and removed with Delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the face you drew off this photo (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Photo Also &amp;Shows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag a person who is in the photo without a usable face: a back, a far profile, a child under a hat (T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take this tag off the photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this photo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1 in the main window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no face)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::ReclusterDialog</name>
    <message>
        <source>Re-cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average linkage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese whispers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DBSCAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far apart two faces may be and still be one person. Lower splits more, higher merges more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Distance limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Radius (eps):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum &amp;samples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-cluster &amp;all faces, not only new ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your names, merges, moves and removals are kept. Re-clustering can be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::ReviewDialog</name>
    <message>
        <source>Review People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes (Y or Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No (N): remembered, never asked again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not &amp;Sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask again later (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last answer (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No questions left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding questions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grouping has nothing it is unsure of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) left</source>
        <translation>
            <numerusform>%n question left</numerusform>
            <numerusform>%n questions left</numerusform>
        </translation>
    </message>
    <message>
        <source>Same person?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, one person: merge them (Y or Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More photos of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More photos of this person?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick the faces that are someone else, then press Return:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the ticked faces and reject the others (Y or Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n face(s)</source>
        <translation>
            <numerusform>%1 · %n face</numerusform>
            <numerusform>%1 · %n faces</numerusform>
        </translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::ReviewFaceModel</name>
    <message>
        <source>Face %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>facefolio::StrictnessDialog</name>
    <message>
        <source>Grouping Strictness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How sure the grouping must be before it puts faces into one person. Stricter keeps look-alikes (siblings, small children) apart and asks you instead; looser joins more by itself. Your names, merges and corrections are kept either way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strictness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default for this face model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance for one person: %1 (default %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out what would change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot work out what would change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing would change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) would be joined</source>
        <translation>
            <numerusform>%n person would be joined</numerusform>
            <numerusform>%n persons would be joined</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n split</source>
        <translation>
            <numerusform>%n split</numerusform>
            <numerusform>%n split</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) would be split</source>
        <translation>
            <numerusform>%n person would be split</numerusform>
            <numerusform>%n persons would be split</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n face(s) would move</source>
        <translation>
            <numerusform>%n face would move</numerusform>
            <numerusform>%n faces would move</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Sort a photo library by the people in it: find every face, group the faces into people, fix and name them, export one folder per person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders of photos to scan (default: the folders scanned last time, or the Pictures folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog file (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open without scanning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the window, for example ko or en (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
