# Strict warnings for the project's own targets; third-party headers come in as SYSTEM.
function(pwb_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(PWB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
