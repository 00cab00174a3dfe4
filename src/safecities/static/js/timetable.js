// Progressive enhancement of the timetable's filters: with JavaScript a choice applies at
// once; without it, the "Show" button submits the same form.
document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});
