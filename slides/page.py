"""page.py: the HTML around the slides: layout, speaker notes, keys.

One self-contained file per deck: styles and script inline, charts as data:
URIs, nothing fetched.  Every slide fills the window and nothing on it may
leave it: a chart scales to the space left by its title and caption
(object-fit: contain), text wraps.  Keys: right/down/space/PageDown next,
left/up/PageUp back, Home/End, N shows the speaker notes.  Each slide has a
hash (#boundary-chart-speedup, or its number #7); a reload stays on it.
"""

import html

STYLE = """
html, body { margin: 0; height: 100%; background: #222; overflow: hidden;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
.slide { display: none; position: relative; box-sizing: border-box; width: 100vw;
  height: 100vh; padding: 5vh 6vw 6vh; background: #fff; color: #222; overflow: hidden;
  flex-direction: column; justify-content: center; }
.slide.current { display: flex; }
.slide > * { max-width: 100%; }
h1, h2 { margin: 0 0 2.5vh; line-height: 1.2; overflow-wrap: anywhere; }
h1 { font-size: 5.6vh; } h2 { font-size: 4.2vh; }
p, li, td, th, figcaption { font-size: 2.7vh; line-height: 1.35; overflow-wrap: anywhere; }
p { margin: 0 0 1.4vh; }
ul { margin: 0; padding-left: 1.2em; } li { margin: 0 0 1.2vh; }
code { font-size: 0.92em; background: #f1f1f1; padding: 0 0.2em; }
.kicker { color: #777; font-size: 2vh; margin: 0 0 1vh; text-transform: uppercase;
  letter-spacing: 0.04em; }
.lead { font-size: 3.2vh; color: #333; }
.title { background: #f3f1ea; }
.facts { border-collapse: collapse; margin: 1vh 0; }
.facts th { text-align: left; padding-right: 2vw; color: #777; font-weight: normal; }
.facts td, .facts th { font-size: 2.3vh; padding-top: 0.2vh; padding-bottom: 0.2vh; }
.warnings li { color: #a33; font-size: 2vh; margin: 0; }
.scenario { color: #666; } .manifest { color: #444; font-style: italic; }
.frame { font-size: 3vh; }
.chart { padding: 3vh 3vw 5vh; justify-content: flex-start; }
.chart h2 { font-size: 3.4vh; margin-bottom: 1vh; }
figure { margin: 0; flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.plot { position: relative; flex: 1 1 auto; min-height: 0; }
.plot img { position: absolute; left: 0; top: 0; width: 100%; height: 100%;
  object-fit: contain; }
figcaption { flex: 0 0 auto; color: #444; font-size: 2.3vh; margin-top: 1vh; }
.findings { list-style: none; padding: 0; }
.findings li { border-left: 0.6vw solid #ccc; padding-left: 1.2vw; margin-bottom: 2vh; }
.findings p { margin: 0; } .pair { font-weight: bold; }
.where { font-weight: normal; color: #555; }
.claim { color: #555; font-size: 2.3vh; }
.verdict { font-weight: bold; }
.v-confirmed { color: #1b7a3a; } .v-contradicted { color: #b3261e; }
.v-undecided, .v-not-measured { color: #8a6d00; }
.v-no-expectation-stated { color: #555; }
.missing { color: #8a6d00; font-style: italic; }
.summary { border-collapse: collapse; width: 100%; }
.summary td { font-size: 2.3vh; padding: 0.8vh 1vw; border-bottom: 1px solid #ddd;
  vertical-align: top; }
.advice li { font-size: 2.7vh; }
.questions { list-style: none; padding: 0; }
.questions li { margin-bottom: 1.2vh; }
.questions p { margin: 0; font-size: 2.3vh; } .questions .q { font-weight: bold; }
.complexity { border-collapse: collapse; width: 100%; }
.complexity th { text-align: left; color: #666; font-weight: normal; font-size: 2.1vh; }
.complexity td { font-size: 2.2vh; padding: 0.6vh 1vw 0.6vh 0; border-bottom: 1px solid #ddd;
  vertical-align: top; }
.decks li { font-size: 3vh; }
aside.notes { display: none; }
body.notes-on .slide.current aside.notes { display: block; position: absolute; left: 0;
  right: 0; bottom: 0; max-height: 40vh; overflow: auto; background: #fffbe6;
  border-top: 2px solid #d8c36a; padding: 1.5vh 3vw; box-sizing: border-box; }
body.notes-on aside.notes p { font-size: 2.2vh; }
#count { position: fixed; right: 1.5vw; bottom: 1vh; color: #999; font-size: 1.8vh; }
@media print { html, body { overflow: visible; }
  .slide { display: flex !important; page-break-after: always; } #count { display: none; } }
"""

SCRIPT = """
(function () {
  var slides = document.querySelectorAll(".slide");
  var count = document.getElementById("count");
  var at = 0;
  function show(i) {
    at = Math.max(0, Math.min(slides.length - 1, i));
    for (var k = 0; k < slides.length; k++)
      slides[k].classList.toggle("current", k === at);
    count.textContent = (at + 1) + " / " + slides.length;
    if (location.hash.slice(1) !== slides[at].id)
      history.replaceState(null, "", "#" + slides[at].id);
  }
  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    for (var k = 0; k < slides.length; k++) if (slides[k].id === h) return k;
    return (parseInt(h, 10) || 1) - 1;
  }
  document.addEventListener("keydown", function (e) {
    var next = ["ArrowRight", "ArrowDown", "PageDown", " "];
    var back = ["ArrowLeft", "ArrowUp", "PageUp"];
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (next.indexOf(e.key) >= 0) show(at + 1);
    else if (back.indexOf(e.key) >= 0) show(at - 1);
    else if (e.key === "Home") show(0);
    else if (e.key === "End") show(slides.length - 1);
    else if (e.key === "n" || e.key === "N") document.body.classList.toggle("notes-on");
    else return;
    e.preventDefault();
  });
  window.addEventListener("hashchange", function () { show(fromHash()); });
  show(fromHash());
})();
"""


def section(slide, number):
    kicker = '<p class="kicker">%s</p>\n' % slide.kicker if slide.kicker else ""
    tag = "h1" if slide.kind == "title" else "h2"
    return ('<section class="slide %s" id="%s" data-number="%d">\n%s<%s>%s</%s>\n%s\n'
            '<aside class="notes">%s</aside>\n</section>'
            % (slide.kind, html.escape(slide.id), number, kicker, tag, slide.heading, tag,
               slide.body, slide.notes))


def page(title, slides):
    """The whole deck as one HTML document."""
    body = "\n".join(section(s, i + 1) for i, s in enumerate(slides))
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n%s\n'
            '<div id="count"></div>\n<script>%s</script>\n</body>\n</html>\n'
            % (html.escape(title), STYLE, body, SCRIPT))
