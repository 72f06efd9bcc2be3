cmake_minimum_required(VERSION 3.25)
# Run by the core_links_no_widgets test: fails when facefolio_core's link
# interface (collected at configure time into LINKS_FILE) reaches Qt Widgets.
file(STRINGS "${LINKS_FILE}" links)
if(NOT links)
    message(FATAL_ERROR "no link libraries recorded for facefolio_core in ${LINKS_FILE}")
endif()
# Sanity check that the walk saw the real interface, so an empty or broken
# walk cannot pass silently.
if(NOT "Qt6::Core" IN_LIST links)
    message(FATAL_ERROR "facefolio_core's link interface does not list Qt6::Core: ${links}")
endif()
foreach(lib IN LISTS links)
    if(lib MATCHES "Widgets")
        message(FATAL_ERROR "facefolio_core links ${lib}; core must stay free of Qt Widgets "
                            "(DESIGN.md). Full interface: ${links}")
    endif()
endforeach()
message(STATUS "facefolio_core links: ${links}")
