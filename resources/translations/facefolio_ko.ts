<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>facefolio::Age</name>
    <message>
        <source>%1 mo</source>
        <translation>%1개월</translation>
    </message>
    <message>
        <source>%1 y</source>
        <translation>%1세</translation>
    </message>
    <message>
        <source>First year</source>
        <translation>첫돌 전</translation>
    </message>
    <message>
        <source>Age %1</source>
        <translation>%1세</translation>
    </message>
</context>
<context>
    <name>facefolio::BackgroundWork</name>
    <message>
        <source>Loading the face models…</source>
        <translation>얼굴 모델을 불러오는 중…</translation>
    </message>
    <message>
        <source>Looking for photos…</source>
        <translation>사진을 찾는 중…</translation>
    </message>
    <message>
        <source>Scanning: %1 of %2 photos, %3 faces</source>
        <translation>스캔 중: 사진 %2장 중 %1장, 얼굴 %3개</translation>
    </message>
    <message>
        <source>, %1 unreadable</source>
        <translation>, 읽을 수 없는 사진 %1장</translation>
    </message>
    <message>
        <source>Grouping the new faces into people…</source>
        <translation>새 얼굴을 사람별로 묶는 중…</translation>
    </message>
    <message>
        <source>Re-clustering…</source>
        <translation>다시 그룹화하는 중…</translation>
    </message>
    <message>
        <source>Re-cluster all faces</source>
        <translation>모든 얼굴 다시 그룹화</translation>
    </message>
    <message>
        <source>Cluster new faces</source>
        <translation>새 얼굴 그룹화</translation>
    </message>
    <message>
        <source>Re-encoding faces with %1…</source>
        <translation>%1(으)로 얼굴을 다시 인코딩하는 중…</translation>
    </message>
    <message>
        <source>Re-encoding faces with %1: %L2 of %L3 photos</source>
        <translation>%1(으)로 얼굴을 다시 인코딩하는 중: 사진 %L3장 중 %L2장</translation>
    </message>
    <message>
        <source>Regroup with %1</source>
        <translation>%1(으)로 다시 그룹화</translation>
    </message>
    <message>
        <source>Regrouping every face with %1…</source>
        <translation>%1(으)로 모든 얼굴을 다시 그룹화하는 중…</translation>
    </message>
</context>
<context>
    <name>facefolio::ExportDialog</name>
    <message>
        <source>Export People</source>
        <translation>사람 내보내기</translation>
    </message>
    <message>
        <source>Folder to export into</source>
        <translation>내보낼 폴더</translation>
    </message>
    <message>
        <source>Facefolio export</source>
        <translation>Facefolio 내보내기</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>내보낼 위치</translation>
    </message>
    <message>
        <source>Copy the photos</source>
        <translation>사진 복사</translation>
    </message>
    <message>
        <source>Hard links (no extra space; copies where impossible)</source>
        <translation>하드 링크 (추가 공간 없음, 불가능하면 복사)</translation>
    </message>
    <message>
        <source>Symbolic links to the originals</source>
        <translation>원본을 가리키는 심볼릭 링크</translation>
    </message>
    <message>
        <source>All named people</source>
        <translation>이름이 있는 모든 사람</translation>
    </message>
    <message>
        <source>Also unnamed people (as “Unnamed 12”)</source>
        <translation>이름 없는 사람도 포함 (“Unnamed 12” 형식)</translation>
    </message>
    <message>
        <source>Also photos with unsorted faces (in “_Unknown”)</source>
        <translation>분류되지 않은 얼굴이 있는 사진도 포함 (“_Unknown” 폴더)</translation>
    </message>
    <message>
        <source>Write face names into XMP sidecars (digiKam, Lightroom)</source>
        <translation>얼굴 이름을 XMP 사이드카 파일에 기록 (digiKam, Lightroom)</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>미리 보기(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Export into:</source>
        <translation>내보낼 위치:</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>방식:</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1 (사진 %n장)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Choose a folder to export into.</source>
        <translation>내보낼 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Tick the people to export, or “All named people”.</source>
        <translation>내보낼 사람을 체크하거나 “이름이 있는 모든 사람”을 선택하세요.</translation>
    </message>
    <message>
        <source>Looking at what would change…</source>
        <translation>변경될 내용을 확인하는 중…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>내보내는 중…</translation>
    </message>
    <message>
        <source>The export stopped: %1</source>
        <translation>내보내기가 중지되었습니다: %1</translation>
    </message>
    <message>
        <source>Cancelled. What was exported so far is complete and listed in the folder&apos;s manifest.</source>
        <translation>취소했습니다. 지금까지 내보낸 항목은 온전하며 폴더의 매니페스트에 기록되어 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n new photo(s), </source>
        <translation>
            <numerusform>새 사진 %n장, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there, </source>
        <translation>
            <numerusform>기존 사진 %n장, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to move, </source>
        <translation>
            <numerusform>이동 %n장, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to remove</source>
        <translation>
            <numerusform>제거 %n장</numerusform>
        </translation>
    </message>
    <message>
        <source>Would export: %1.</source>
        <translation>내보낼 예정: %1.</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>완료: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed by someone else stay untouched.</source>
        <translation>
            <numerusform>다른 곳에서 변경된 파일 %n개는 그대로 둡니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be exported.</source>
        <translation>
            <numerusform>사진 %n장을 내보내지 못했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the photos of just them, as one folder “%1”</source>
        <translation>이 사람들만 나온 사진만, 폴더 하나로 “%1”</translation>
    </message>
    <message>
        <source>Only the photos of them together, as one folder “%1”</source>
        <translation>이 사람들이 함께 나온 사진만, 폴더 하나로 “%1”</translation>
    </message>
</context>
<context>
    <name>facefolio::FaceGridModel</name>
    <message>
        <source>distance from this person&apos;s average face: %1</source>
        <translation>이 사람의 평균 얼굴과의 거리: %1</translation>
    </message>
    <message>
        <source>Face in %1</source>
        <translation>%1의 얼굴</translation>
    </message>
    <message>
        <source>Age: %1</source>
        <translation>나이: %1</translation>
    </message>
</context>
<context>
    <name>facefolio::MainWindow</name>
    <message>
        <source>Facefolio</source>
        <translation>Facefolio</translation>
    </message>
    <message>
        <source>The change could not be made: %1</source>
        <translation>변경할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>폴더 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation>다시 스캔(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export People…</source>
        <translation>사람 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Show &amp;Unreadable Photos…</source>
        <translation>읽을 수 없는 사진 보기(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>Re&amp;name Person</source>
        <translation>사람 이름 바꾸기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Merge Into…</source>
        <translation>병합 대상(&amp;M)…</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>M&amp;ove Faces To…</source>
        <translation>얼굴 이동 대상(&amp;O)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>&amp;Split Into New Person</source>
        <translation>새 사람으로 분리(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Re&amp;move From Person</source>
        <translation>사람에서 제거(&amp;M)</translation>
    </message>
    <message>
        <source>Not a &amp;Face</source>
        <translation>얼굴 아님(&amp;F)</translation>
    </message>
    <message>
        <source>Shift+Del</source>
        <translation>Shift+Del</translation>
    </message>
    <message>
        <source>&amp;Hide Person</source>
        <translation>사람 숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Set as &amp;Cover</source>
        <translation>대표 이미지로 설정(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>&amp;Faces</source>
        <translation>얼굴(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Photos of Person</source>
        <translation>사람의 사진(&amp;P)</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;All Photos</source>
        <translation>모든 사진(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>Show &amp;Hidden People</source>
        <translation>숨긴 사람 보기(&amp;H)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>Sort People by &amp;Name</source>
        <translation>이름순으로 사람 정렬(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Least Alike Faces First</source>
        <translation>가장 덜 닮은 얼굴 먼저(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>Show first the faces that look least like the rest of the person, so faces that do not belong are easy to spot</source>
        <translation>그 사람의 다른 얼굴과 가장 덜 닮은 얼굴을 먼저 보여 주어, 잘못 들어간 얼굴을 쉽게 찾을 수 있게 합니다</translation>
    </message>
    <message>
        <source>&amp;Re-cluster…</source>
        <translation>다시 그룹화(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>&amp;About Facefolio</source>
        <translation>Facefolio 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>사람(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Filter people</source>
        <translation>사람 필터</translation>
    </message>
    <message>
        <source>People</source>
        <translation>사람</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>썸네일 크기</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>크기:</translation>
    </message>
    <message>
        <source>Faces</source>
        <translation>얼굴</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>사진</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop; what was done so far is kept (Esc)</source>
        <translation>중지합니다. 지금까지 한 작업은 유지됩니다 (Esc)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>중지하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Unknown faces: %n face(s)</source>
        <translation>
            <numerusform>알 수 없는 얼굴: %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n face(s)</source>
        <translation>
            <numerusform>%1: 얼굴 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos of %1: %2</source>
        <translation>%1의 사진: %2장</translation>
    </message>
    <message>
        <source>All photos: %1</source>
        <translation>모든 사진: %1장</translation>
    </message>
    <message>
        <source>Show &amp;Hidden Person</source>
        <translation>숨긴 사람 다시 표시(&amp;H)</translation>
    </message>
    <message>
        <source>%1 photos/s</source>
        <translation>초당 사진 %1장</translation>
    </message>
    <message>
        <source>Wait for the current work to finish, or cancel it.</source>
        <translation>현재 작업이 끝날 때까지 기다리거나 작업을 취소하세요.</translation>
    </message>
    <message>
        <source>Add a Folder of Photos</source>
        <translation>사진 폴더 추가</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>스캔</translation>
    </message>
    <message>
        <source>The scan could not run: %1</source>
        <translation>스캔을 실행할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Scan stopped: </source>
        <translation>스캔 중지됨: </translation>
    </message>
    <message>
        <source>Scan finished: </source>
        <translation>스캔 완료: </translation>
    </message>
    <message>
        <source>%1 photos, %2 new, %3 faces found</source>
        <translation>사진 %1장, 새 사진 %2장, 찾은 얼굴 %3개</translation>
    </message>
    <message>
        <source>; %1 could not be read (File &gt; Show Unreadable Photos)</source>
        <translation>; %1장을 읽을 수 없음 (파일 &gt; 읽을 수 없는 사진 보기)</translation>
    </message>
    <message>
        <source>Clustering</source>
        <translation>그룹화</translation>
    </message>
    <message>
        <source>Clustering failed: %1</source>
        <translation>그룹화 실패: %1</translation>
    </message>
    <message>
        <source>Clustering stopped; nothing was changed.</source>
        <translation>그룹화를 중지했습니다. 변경된 내용은 없습니다.</translation>
    </message>
    <message>
        <source>%1 people, %2 faces not in a person</source>
        <translation>사람 %1명, 사람에 속하지 않은 얼굴 %2개</translation>
    </message>
    <message>
        <source>Clustering finished: %1</source>
        <translation>그룹화 완료: %1</translation>
    </message>
    <message>
        <source>The face models are missing; nothing was scanned.</source>
        <translation>얼굴 모델이 없어 아무것도 스캔하지 않았습니다.</translation>
    </message>
    <message>
        <source>Unreadable Photos</source>
        <translation>읽을 수 없는 사진</translation>
    </message>
    <message>
        <source>Every photo could be read.</source>
        <translation>모든 사진을 읽을 수 있었습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be read. They are left as they are; fix or remove them and rescan.</source>
        <translation>
            <numerusform>사진 %n장을 읽을 수 없습니다. 해당 사진은 그대로 두었으니, 고치거나 제거한 뒤 다시 스캔하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>New person</source>
        <translation>새 사람</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>사람:</translation>
    </message>
    <message>
        <source>Merge Into</source>
        <translation>병합 대상</translation>
    </message>
    <message>
        <source>Move Faces To</source>
        <translation>얼굴 이동 대상</translation>
    </message>
    <message>
        <source>Merge People</source>
        <translation>사람 병합</translation>
    </message>
    <message>
        <source>“%1” and “%2” both have a name. Which name should the merged person keep?</source>
        <translation>“%1”, “%2” 둘 다 이름이 있습니다. 병합한 사람에게 어떤 이름을 남길까요?</translation>
    </message>
    <message>
        <source>About Facefolio</source>
        <translation>Facefolio 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Facefolio %1&lt;/h3&gt;&lt;p&gt;Sorts a photo library by the people in it.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;dlib %3&lt;br&gt;OpenCV %4&lt;br&gt;Exiv2 %5&lt;/p&gt;&lt;p&gt;Models, each under the MIT licence:&lt;br&gt;%6&lt;br&gt;%7&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Facefolio %1&lt;/h3&gt;&lt;p&gt;사진 라이브러리를 사진 속 사람별로 정리합니다.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;dlib %3&lt;br&gt;OpenCV %4&lt;br&gt;Exiv2 %5&lt;/p&gt;&lt;p&gt;모델(모두 MIT 라이선스):&lt;br&gt;%6&lt;br&gt;%7&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Face &amp;Detector</source>
        <translation>얼굴 검출기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Both (recommended): finds turned and small faces</source>
        <translation>둘 다(권장)(&amp;B): 돌린 얼굴과 작은 얼굴도 찾음</translation>
    </message>
    <message>
        <source>&amp;HOG only: fastest, frontal faces</source>
        <translation>HOG만(&amp;H): 가장 빠름, 정면 얼굴</translation>
    </message>
    <message>
        <source>&amp;SSD only</source>
        <translation>SSD만(&amp;S)</translation>
    </message>
    <message>
        <source>The next scan (File &gt; Rescan) uses this detector.</source>
        <translation>다음 스캔(파일 &gt; 다시 스캔)부터 이 검출기를 사용합니다.</translation>
    </message>
    <message>
        <source>The next scans use %1.</source>
        <translation>다음 스캔부터 %1을(를) 사용합니다.</translation>
    </message>
    <message>
        <source>The faces will be re-encoded with %1 at the next scan (File &gt; Rescan); names and decisions are kept.</source>
        <translation>다음 스캔(파일 &gt; 다시 스캔) 때 얼굴을 %1(으)로 다시 인코딩합니다. 이름과 직접 정한 내용은 유지됩니다.</translation>
    </message>
    <message>
        <source>The faces are being re-encoded with %1 in the background; names and decisions are kept.</source>
        <translation>백그라운드에서 얼굴을 %1(으)로 다시 인코딩하고 있습니다. 이름과 직접 정한 내용은 유지됩니다.</translation>
    </message>
    <message>
        <source>Re-encoding</source>
        <translation>다시 인코딩</translation>
    </message>
    <message>
        <source>The faces could not be re-encoded: %1</source>
        <translation>얼굴을 다시 인코딩할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Re-encoding stopped: %L1 faces re-encoded, %L2 left; the next scan goes on from there.</source>
        <translation>다시 인코딩 중지됨: 얼굴 %L1개 완료, %L2개 남음. 다음 스캔 때 이어서 진행합니다.</translation>
    </message>
    <message>
        <source>Regrouping stopped; the people were left as they were. People &gt; Re-cluster… groups every face with the new model.</source>
        <translation>다시 그룹화를 중지했습니다. 사람 목록은 그대로입니다. 사람 &gt; 다시 그룹화…로 모든 얼굴을 새 모델로 묶을 수 있습니다.</translation>
    </message>
    <message>
        <source>Face Recognition &amp;Model</source>
        <translation>얼굴 인식 모델(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;ArcFace (recommended): tells look-alike faces apart</source>
        <translation>ArcFace(권장)(&amp;A): 닮은 얼굴도 구별함</translation>
    </message>
    <message>
        <source>&amp;dlib ResNet: the earlier model</source>
        <translation>dlib ResNet(&amp;D): 이전 모델</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) to review</source>
        <translation>
            <numerusform>검토할 질문 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>검토(&amp;V)…</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Answer the questions the grouping is unsure of: same person or not, and which faces belong to whom</source>
        <translation>묶기가 확신하지 못한 질문에 답합니다: 같은 사람인지, 어떤 얼굴이 누구의 것인지</translation>
    </message>
    <message>
        <source>Review the people the grouping is unsure of (Ctrl+R)</source>
        <translation>묶기가 확신하지 못한 사람을 검토합니다 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Review questions</source>
        <translation>검토할 질문</translation>
    </message>
    <message>
        <source>Likeliest persons</source>
        <translation>가능성이 높은 사람</translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>%1(으)로 옮기기</translation>
    </message>
    <message>
        <source>Unknown Faces by &amp;Likeliest Person</source>
        <translation>모르는 얼굴을 가능성 높은 사람별로(&amp;L)</translation>
    </message>
    <message>
        <source>Group the unknown faces by the person each most likely is, so they can be dragged to that person together</source>
        <translation>모르는 얼굴을 가장 가능성이 높은 사람별로 묶어, 그 사람에게 한꺼번에 끌어다 놓을 수 있게 합니다</translation>
    </message>
    <message>
        <source>Grouping &amp;Strictness…</source>
        <translation>묶기 엄격도(&amp;S)…</translation>
    </message>
    <message>
        <source>Whose face is this?</source>
        <translation>누구의 얼굴인가요?</translation>
    </message>
    <message>
        <source>Analysing the face you drew…</source>
        <translation>그린 얼굴을 분석하는 중…</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The face could not be added: %1</source>
        <translation>얼굴을 추가할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>the photo is no longer in the catalog</source>
        <translation>사진이 더 이상 카탈로그에 없습니다</translation>
    </message>
    <message>
        <source>The face could not be moved: %1</source>
        <translation>얼굴을 옮길 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Who else is in this photo?</source>
        <translation>이 사진에 또 누가 있나요?</translation>
    </message>
    <message>
        <source>Set &amp;Birth Date…</source>
        <translation>생년월일 설정(&amp;B)…</translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <source>The person&apos;s birth date, for their age on each photo</source>
        <translation>사진마다 그 사람의 나이를 보여 주는 생년월일</translation>
    </message>
    <message>
        <source>Show &amp;Ages</source>
        <translation>나이 표시(&amp;A)</translation>
    </message>
    <message>
        <source>Label each face and photo with the person&apos;s age then, for people with a birth date</source>
        <translation>생년월일이 있는 사람은 얼굴과 사진마다 그때의 나이를 표시합니다</translation>
    </message>
    <message>
        <source>Group Photos by A&amp;ge</source>
        <translation>사진을 나이별로 묶기(&amp;G)</translation>
    </message>
    <message>
        <source>Group the photos of a person with a birth date by their age instead of by month</source>
        <translation>생년월일이 있는 사람의 사진을 달 대신 나이별로 묶습니다</translation>
    </message>
    <message>
        <source>Only them (people without a name don&apos;t count)</source>
        <translation>이 사람들만 (이름 없는 사람은 세지 않음)</translation>
    </message>
    <message>
        <source>Leave out photos where another named person appears too. Strangers in the background, whom you have not named, do not count.</source>
        <translation>이름이 있는 다른 사람도 나온 사진은 뺍니다. 이름을 붙이지 않은 배경 속 낯선 사람은 세지 않습니다.</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>a list of people: Mom, Minji and Dad</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Photos of only %1: %2</source>
        <translation>%1만 나온 사진: %2</translation>
    </message>
    <message>
        <source>Photos with %1: %2</source>
        <translation>함께 나온 사진 (%1): %2</translation>
    </message>
    <message>
        <source>Birth Date of %1</source>
        <translation>%1의 생년월일</translation>
    </message>
    <message>
        <source>The face and photo grids show %1&apos;s age on each photo (View &gt; Show Ages), and the photos can be grouped by age.</source>
        <translation>얼굴과 사진 목록에 사진마다 %1의 나이가 표시되고(보기 &gt; 나이 표시), 사진을 나이별로 묶을 수 있습니다.</translation>
    </message>
    <message>
        <source>&amp;Remove Birth Date</source>
        <translation>생년월일 지우기(&amp;R)</translation>
    </message>
    <message>
        <source>Born on:</source>
        <translation>생년월일:</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Not a date yet</source>
        <translation>아직 날짜가 아닙니다</translation>
    </message>
    <message>
        <source>A birth date cannot be in the future</source>
        <translation>생년월일은 미래일 수 없습니다</translation>
    </message>
    <message>
        <source>A birth date must be in 1800 or later</source>
        <translation>생년월일은 1800년 이후여야 합니다</translation>
    </message>
    <message>
        <source>%1, %2 today</source>
        <translation>%1, 오늘 %2</translation>
    </message>
</context>
<context>
    <name>facefolio::ModelsDialog</name>
    <message>
        <source>Face Models Needed</source>
        <translation>얼굴 모델 필요</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Facefolio needs its face models to find and recognise faces.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;They are about 17 MB from two npm packages, both under the MIT licence: @vladmandic/face-api (the dlib face encoder and the SSD face detector) and faceplugin-face-recognition-js (the ArcFace face encoder, fr_feature.onnx). Facefolio checks their SHA-256 before using them. Fetching them needs the internet and npm.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Facefolio가 얼굴을 찾고 인식하려면 얼굴 모델이 필요합니다.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;모델은 약 17 MB이며 MIT 라이선스로 배포되는 두 npm 패키지에서 받습니다: @vladmandic/face-api(dlib 얼굴 인코더와 SSD 얼굴 검출기)와 faceplugin-face-recognition-js(ArcFace 얼굴 인코더, fr_feature.onnx). Facefolio는 사용하기 전에 모델의 SHA-256을 확인합니다. 모델을 받으려면 인터넷 연결과 npm이 필요합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The fetch script was not found; run &lt;code&gt;bash packaging/setup.sh&lt;/code&gt; from the source tree.&lt;/p&gt;</source>
        <translation>&lt;p&gt;모델을 받는 스크립트를 찾을 수 없습니다. 소스 트리에서 &lt;code&gt;bash packaging/setup.sh&lt;/code&gt;를 실행하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Fetch the Models</source>
        <translation>모델 받기(&amp;F)</translation>
    </message>
    <message>
        <source>Fetching the face models…</source>
        <translation>얼굴 모델을 받는 중…</translation>
    </message>
    <message>
        <source>The models are installed.</source>
        <translation>모델이 설치되었습니다.</translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation>다시 시도(&amp;T)</translation>
    </message>
    <message>
        <source>Fetching failed. Check the internet connection and that npm is installed (Debian package npm), then try again.</source>
        <translation>모델을 받지 못했습니다. 인터넷 연결과 npm 설치 여부(Debian 패키지 npm)를 확인한 뒤 다시 시도하세요.</translation>
    </message>
</context>
<context>
    <name>facefolio::PeopleService</name>
    <message>
        <source>Unnamed %1</source>
        <translation>이름 없음 %1</translation>
    </message>
    <message>
        <source>a name cannot be empty</source>
        <translation>이름은 비워 둘 수 없습니다</translation>
    </message>
    <message>
        <source>a name cannot hold control characters</source>
        <translation>이름에는 제어 문자를 넣을 수 없습니다</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1의 이름을 %2(으)로 바꾸기</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>%1을(를) %2에 병합</translation>
    </message>
    <message>
        <source>1 face</source>
        <translation>얼굴 1개</translation>
    </message>
    <message>
        <source>%1 faces</source>
        <translation>얼굴 %1개</translation>
    </message>
    <message>
        <source>Move %1 to %2</source>
        <translation>%1을(를) %2(으)로 이동</translation>
    </message>
    <message>
        <source>Split %1 into a new person</source>
        <translation>%1을(를) 새 사람으로 분리</translation>
    </message>
    <message>
        <source>Remove %1 from their person</source>
        <translation>%1을(를) 소속된 사람에서 제거</translation>
    </message>
    <message>
        <source>Mark %1 as not a face</source>
        <translation>%1을(를) 얼굴 아님으로 표시</translation>
    </message>
    <message>
        <source>Mark %1 as a face</source>
        <translation>%1을(를) 얼굴로 표시</translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation>%1 숨기기</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>%1 다시 표시</translation>
    </message>
    <message>
        <source>Set the cover of %1</source>
        <translation>%1의 대표 이미지 설정</translation>
    </message>
    <message>
        <source>Not the same person</source>
        <translation>같은 사람이 아님</translation>
    </message>
    <message numerus="yes">
        <source>Confirm %n face(s) of %1</source>
        <translation>
            <numerusform>%1의 얼굴 %n개 확정</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n face(s) are not %1</source>
        <translation>
            <numerusform>얼굴 %n개는 %1이(가) 아님</numerusform>
        </translation>
    </message>
    <message>
        <source>Review faces of %1</source>
        <translation>%1의 얼굴 검토</translation>
    </message>
    <message>
        <source>Draw a face of %1</source>
        <translation>%1의 얼굴 그리기</translation>
    </message>
    <message>
        <source>Draw a face</source>
        <translation>얼굴 그리기</translation>
    </message>
    <message>
        <source>Move a drawn face</source>
        <translation>그린 얼굴 옮기기</translation>
    </message>
    <message>
        <source>Remove a drawn face</source>
        <translation>그린 얼굴 지우기</translation>
    </message>
    <message>
        <source>Tag %1 on a photo</source>
        <translation>사진에 %1 태그하기</translation>
    </message>
    <message>
        <source>Untag %1 from a photo</source>
        <translation>사진에서 %1 태그 빼기</translation>
    </message>
    <message>
        <source>that is not a date</source>
        <translation>올바른 날짜가 아닙니다</translation>
    </message>
    <message>
        <source>a birth date cannot be in the future</source>
        <translation>생년월일은 미래일 수 없습니다</translation>
    </message>
    <message>
        <source>a birth date must be in 1800 or later</source>
        <translation>생년월일은 1800년 이후여야 합니다</translation>
    </message>
    <message>
        <source>Set the birth date of %1</source>
        <translation>%1의 생년월일 설정</translation>
    </message>
    <message>
        <source>Remove the birth date of %1</source>
        <translation>%1의 생년월일 지우기</translation>
    </message>
</context>
<context>
    <name>facefolio::PersonListModel</name>
    <message>
        <source>New person</source>
        <translation>새 사람</translation>
    </message>
    <message>
        <source>Unknown faces (%1)</source>
        <translation>알 수 없는 얼굴 (%1)</translation>
    </message>
    <message>
        <source>Drop faces here to make a new person of them</source>
        <translation>얼굴을 여기에 놓으면 새 사람으로 만듭니다</translation>
    </message>
    <message>
        <source>Faces that belong to no person yet; drop faces here to take them out of their person</source>
        <translation>아직 어떤 사람에도 속하지 않은 얼굴입니다. 얼굴을 여기에 놓으면 소속된 사람에서 뺍니다</translation>
    </message>
    <message>
        <source>%1 faces, %2 photos</source>
        <translation>얼굴 %1개, 사진 %2장</translation>
    </message>
    <message>
        <source>%1: %2 faces in %3 photos%4</source>
        <translation>%1: 사진 %3장에 얼굴 %2개%4</translation>
    </message>
    <message>
        <source> (hidden)</source>
        <translation> (숨김)</translation>
    </message>
</context>
<context>
    <name>facefolio::PhotoGridModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Before %1 was born</source>
        <translation>%1 태어나기 전</translation>
    </message>
</context>
<context>
    <name>facefolio::PhotoViewer</name>
    <message>
        <source>This photo is no longer in the catalog.</source>
        <translation>이 사진은 더 이상 카탈로그에 없습니다.</translation>
    </message>
    <message>
        <source>Unnamed %1</source>
        <translation>이름 없음 %1</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>%1 cannot be shown: %2</source>
        <translation>%1을(를) 표시할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>the file cannot be decoded</source>
        <translation>파일을 디코딩할 수 없습니다</translation>
    </message>
    <message>
        <source>the file is missing</source>
        <translation>파일이 없습니다</translation>
    </message>
    <message>
        <source>&amp;Draw a Face</source>
        <translation>얼굴 그리기(&amp;D)</translation>
    </message>
    <message>
        <source>Remove This Face</source>
        <translation>이 얼굴 지우기</translation>
    </message>
    <message>
        <source>Drag a box around a face that was not found (D). A face you drew can be moved by dragging it, resized by its corners and removed with Delete.</source>
        <translation>찾지 못한 얼굴 둘레에 상자를 끌어 그리세요 (D). 그린 얼굴은 끌어서 옮기고, 모서리로 크기를 바꾸고, Delete로 지울 수 있습니다.</translation>
    </message>
    <message>
        <source>&amp;Remove Face</source>
        <translation>얼굴 지우기(&amp;R)</translation>
    </message>
    <message>
        <source>Take the face you drew off this photo (Delete)</source>
        <translation>그린 얼굴을 이 사진에서 지웁니다 (Delete)</translation>
    </message>
    <message>
        <source>This Photo Also &amp;Shows…</source>
        <translation>이 사진에 또 있는 사람(&amp;S)…</translation>
    </message>
    <message>
        <source>Tag a person who is in the photo without a usable face: a back, a far profile, a child under a hat (T)</source>
        <translation>쓸 만한 얼굴 없이 사진에 있는 사람을 태그합니다: 뒷모습, 먼 옆모습, 모자 쓴 아이 (T)</translation>
    </message>
    <message>
        <source>Take this tag off the photo</source>
        <translation>이 태그를 사진에서 뺍니다</translation>
    </message>
    <message>
        <source>In this photo:</source>
        <translation>이 사진에 있는 사람:</translation>
    </message>
    <message>
        <source>Show %1 in the main window</source>
        <translation>기본 창에서 %1 보기</translation>
    </message>
    <message>
        <source>%1 (no face)</source>
        <translation>%1 (얼굴 없음)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>facefolio::ReclusterDialog</name>
    <message>
        <source>Re-cluster</source>
        <translation>다시 그룹화</translation>
    </message>
    <message>
        <source>Automatic (recommended)</source>
        <translation>자동 (권장)</translation>
    </message>
    <message>
        <source>Average linkage</source>
        <translation>평균 연결</translation>
    </message>
    <message>
        <source>Chinese whispers</source>
        <translation>Chinese whispers</translation>
    </message>
    <message>
        <source>DBSCAN</source>
        <translation>DBSCAN</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>방법(&amp;M):</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>How far apart two faces may be and still be one person. Lower splits more, higher merges more.</source>
        <translation>두 얼굴을 같은 사람으로 볼 수 있는 최대 거리입니다. 낮추면 더 많이 나뉘고, 높이면 더 많이 합쳐집니다.</translation>
    </message>
    <message>
        <source>&amp;Distance limit:</source>
        <translation>거리 한도(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Radius (eps):</source>
        <translation>반경(eps)(&amp;R):</translation>
    </message>
    <message>
        <source>Minimum &amp;samples:</source>
        <translation>최소 샘플 수(&amp;S):</translation>
    </message>
    <message>
        <source>Re-cluster &amp;all faces, not only new ones</source>
        <translation>새 얼굴뿐 아니라 모든 얼굴 다시 그룹화(&amp;A)</translation>
    </message>
    <message>
        <source>Your names, merges, moves and removals are kept. Re-clustering can be undone.</source>
        <translation>직접 지정한 이름, 병합, 이동, 제거 내용은 유지됩니다. 다시 그룹화는 실행 취소할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>facefolio::ReviewDialog</name>
    <message>
        <source>Review People</source>
        <translation>사람 검토</translation>
    </message>
    <message>
        <source>First group</source>
        <translation>첫 번째 묶음</translation>
    </message>
    <message>
        <source>Second group</source>
        <translation>두 번째 묶음</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>예(&amp;Y)</translation>
    </message>
    <message>
        <source>Yes (Y or Return)</source>
        <translation>예 (Y 또는 Enter)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>아니요(&amp;N)</translation>
    </message>
    <message>
        <source>No (N): remembered, never asked again</source>
        <translation>아니요 (N): 기억해 두고 다시 묻지 않습니다</translation>
    </message>
    <message>
        <source>Not &amp;Sure</source>
        <translation>잘 모르겠음(&amp;S)</translation>
    </message>
    <message>
        <source>Ask again later (Space)</source>
        <translation>나중에 다시 묻기 (Space)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last answer (Ctrl+Z)</source>
        <translation>마지막 답 취소 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>No questions left</source>
        <translation>남은 질문이 없습니다</translation>
    </message>
    <message>
        <source>Finding questions…</source>
        <translation>질문을 찾는 중…</translation>
    </message>
    <message>
        <source>The grouping has nothing it is unsure of.</source>
        <translation>묶기가 확신하지 못하는 것이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) left</source>
        <translation>
            <numerusform>남은 질문 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Same person?</source>
        <translation>같은 사람인가요?</translation>
    </message>
    <message>
        <source>Yes, one person: merge them (Y or Return)</source>
        <translation>예, 한 사람입니다: 합치기 (Y 또는 Enter)</translation>
    </message>
    <message>
        <source>More photos of %1?</source>
        <translation>%1의 사진이 더 있나요?</translation>
    </message>
    <message>
        <source>More photos of this person?</source>
        <translation>이 사람의 사진이 더 있나요?</translation>
    </message>
    <message>
        <source>Untick the faces that are someone else, then press Return:</source>
        <translation>다른 사람의 얼굴은 선택을 해제한 다음 Enter를 누르세요:</translation>
    </message>
    <message>
        <source>Confirm the ticked faces and reject the others (Y or Return)</source>
        <translation>선택한 얼굴은 확정하고 나머지는 제외 (Y 또는 Enter)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n face(s)</source>
        <translation>
            <numerusform>%1 · 얼굴 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation>사람 %1</translation>
    </message>
</context>
<context>
    <name>facefolio::ReviewFaceModel</name>
    <message>
        <source>Face %1, %2</source>
        <translation>얼굴 %1, %2</translation>
    </message>
    <message>
        <source>Face %1</source>
        <translation>얼굴 %1</translation>
    </message>
</context>
<context>
    <name>facefolio::StrictnessDialog</name>
    <message>
        <source>Grouping Strictness</source>
        <translation>묶기 엄격도</translation>
    </message>
    <message>
        <source>How sure the grouping must be before it puts faces into one person. Stricter keeps look-alikes (siblings, small children) apart and asks you instead; looser joins more by itself. Your names, merges and corrections are kept either way.</source>
        <translation>얼굴을 한 사람으로 묶기 전에 얼마나 확신해야 하는지 정합니다. 엄격할수록 닮은 사람(형제자매, 어린아이)을 따로 두고 대신 묻습니다. 느슨할수록 스스로 더 많이 합칩니다. 이름, 합치기, 고친 내용은 어느 쪽이든 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>Strictness</source>
        <translation>엄격도</translation>
    </message>
    <message>
        <source>Join more</source>
        <translation>더 합치기</translation>
    </message>
    <message>
        <source>Keep apart</source>
        <translation>따로 두기</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>적용(&amp;A)</translation>
    </message>
    <message>
        <source>The default for this face model</source>
        <translation>이 얼굴 모델의 기본값</translation>
    </message>
    <message>
        <source>Distance for one person: %1 (default %2)</source>
        <translation>한 사람으로 보는 거리: %1 (기본 %2)</translation>
    </message>
    <message>
        <source>Working out what would change…</source>
        <translation>무엇이 바뀔지 계산하는 중…</translation>
    </message>
    <message>
        <source>Cannot work out what would change: %1</source>
        <translation>무엇이 바뀔지 계산할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Nothing would change.</source>
        <translation>바뀌는 것이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) would be joined</source>
        <translation>
            <numerusform>%n명이 합쳐집니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n split</source>
        <translation>
            <numerusform>%n명이 나뉩니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) would be split</source>
        <translation>
            <numerusform>%n명이 나뉩니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n face(s) would move</source>
        <translation>
            <numerusform>얼굴 %n개가 옮겨집니다</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Sort a photo library by the people in it: find every face, group the faces into people, fix and name them, export one folder per person.</source>
        <translation>사진 라이브러리를 사진 속 사람별로 정리합니다. 모든 얼굴을 찾아 사람별로 묶고, 바로잡고 이름을 붙인 뒤, 사람마다 폴더 하나로 내보냅니다.</translation>
    </message>
    <message>
        <source>Folders of photos to scan (default: the folders scanned last time, or the Pictures folder).</source>
        <translation>스캔할 사진 폴더 (기본값: 지난번에 스캔한 폴더 또는 사진 폴더).</translation>
    </message>
    <message>
        <source>The catalog file (default: %1).</source>
        <translation>카탈로그 파일 (기본값: %1).</translation>
    </message>
    <message>
        <source>Open without scanning.</source>
        <translation>스캔하지 않고 엽니다.</translation>
    </message>
    <message>
        <source>The language of the window, for example ko or en (default: the system&apos;s).</source>
        <translation>창에 표시할 언어, 예: ko 또는 en (기본값: 시스템 언어).</translation>
    </message>
    <message>
        <source>The catalog cannot be opened: %1</source>
        <translation>카탈로그를 열 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1이(가) 존재하지 않습니다.</translation>
    </message>
</context>
</TS>
