/*
 * Peta Kesos map controls: kelurahan labels that appear as the map zooms in, kecamatan
 * outlines, a kelurahan search box, a fill-opacity slider and a collapsible legend placed beside the region.
 * Written for Peta Kesos (no third-party code); same licence as the project, see LICENSE.md
 * in this folder. Needs Leaflet 1.9 (window.L). Every text it receives is already HTML-escaped
 * (ui/maps.py) where it is put in as HTML, and set as plain text everywhere else.
 */
(function () {
  "use strict";

  function stop(div) {
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
  }

  // The legend (a control's div holding the legend HTML): its title folds the body away, so
  // a narrow map can show the region whole.
  function foldable(div, toggleLabel) {
    var title = div.querySelector(".pk-legend-title");
    if (title) {
      var button = L.DomUtil.create("button", "pk-legend-toggle", title);
      button.type = "button";
      button.setAttribute("aria-label", toggleLabel);
      button.setAttribute("aria-expanded", "true");
      button.textContent = "\u25be";
      title.addEventListener("click", function () {
        fold(div, !div.classList.contains("pk-folded"));
      });
    }
    stop(div);
    return div;
  }

  // The kecamatan outlines: thick lines without fill that take no clicks (those go to the
  // kelurahan below), listed in the layer control.
  function outlines(map, geometry, layerControl, layerName) {
    var layer = L.geoJSON(geometry, {
      style: { fill: false, color: "#222222", weight: 1.8, opacity: 0.8 },
      interactive: false,
    }).addTo(map);
    if (layerControl) layerControl.addOverlay(layer, layerName);
    return layer;
  }

  function fold(box, folded) {
    box.classList.toggle("pk-folded", folded);
    var button = box.querySelector(".pk-legend-toggle");
    if (button) {
      button.textContent = folded ? "\u25b8" : "\u25be";
      button.setAttribute("aria-expanded", folded ? "false" : "true");
    }
  }

  // Fit the region into the part of the map the legend leaves free; fold the legend instead
  // when that part would be too narrow. The frame may get its size after the script ran, so
  // this is done again whenever the map's container changes size: the region is fitted again
  // until the user moves the map, the legend folded or unfolded until the user folds it (it
  // had stayed folded on a 940 px wide map when the fold was decided with the fitting).
  function fitBeside(map, bounds, legendControl) {
    var box = legendControl ? legendControl.getContainer() : null;
    var fit = true;
    var autoFold = true;
    var tries = 0;
    function layout() {
      if (!fit && !autoFold) return;
      // The style sheets may arrive after the script: measure the legend once they apply.
      var inner = box && box.querySelector(".pk-legend-box");
      if (inner && getComputedStyle(inner).maxWidth === "none" && tries++ < 100) {
        window.setTimeout(layout, 50);
        return;
      }
      var pad = [10, 10];
      if (box) {
        var width = map.getSize().x;
        var folded = box.classList.contains("pk-folded");
        if (autoFold) {
          fold(box, false);
          folded = width - box.offsetWidth - 20 < 0.55 * width;
          fold(box, folded);
        }
        if (!folded) pad = [box.offsetWidth + 20, 10];
      }
      if (fit) map.fitBounds(bounds, { paddingTopLeft: [10, 10], paddingBottomRight: pad, animate: false });
    }
    function manual() { fit = false; }
    var container = map.getContainer();
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
      container.addEventListener(name, manual, { passive: true });
    });
    if (box) box.addEventListener("click", function () { fit = false; autoFold = false; });
    map.on("pk-manual", manual);
    map.on("resize", layout);
    // Leaflet hears the window's resizes only: the container may change size without one.
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({ pan: false }); }).observe(container);
    }
    layout();
  }

  // Labels: one per kelurahan, shown while its polygon is wide and tall enough on screen
  // for the name, so names appear one by one as the map zooms in.
  function labels(map, rows, layerControl, layerName) {
    var group = L.layerGroup();
    var items = rows.map(function (row) {
      var icon = L.divIcon({ className: "pk-label", html: "<span>" + row[2] + "</span>", iconSize: [0, 0] });
      return {
        marker: L.marker([row[0], row[1]], { icon: icon, interactive: false, keyboard: false }),
        bounds: L.latLngBounds([row[3][0], row[3][1]], [row[3][2], row[3][3]]),
        width: row[4],
      };
    });
    function update() {
      items.forEach(function (item) {
        var sw = map.latLngToLayerPoint(item.bounds.getSouthWest());
        var ne = map.latLngToLayerPoint(item.bounds.getNorthEast());
        var fits = ne.x - sw.x >= item.width && sw.y - ne.y >= 14;
        if (fits && !group.hasLayer(item.marker)) group.addLayer(item.marker);
        if (!fits && group.hasLayer(item.marker)) group.removeLayer(item.marker);
      });
    }
    map.on("zoomend", update);
    update();
    group.addTo(map);
    if (layerControl) layerControl.addOverlay(group, layerName);
    return group;
  }

  // The search box: a list of kelurahan names; picking one (or Enter) zooms to it and
  // outlines it until the next search.
  function search(map, units, rows, strings) {
    var control = L.control({ position: "topleft" });
    var marked = null;
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "pk-search leaflet-bar");
      var input = L.DomUtil.create("input", "", div);
      var list = L.DomUtil.create("datalist", "", div);
      list.id = "pk-search-" + L.Util.stamp(control);
      input.type = "search";
      input.placeholder = strings.placeholder;
      input.setAttribute("aria-label", strings.placeholder);
      input.setAttribute("list", list.id);
      rows.forEach(function (row) {
        var option = document.createElement("option");
        option.value = row[0];
        list.appendChild(option);
      });
      var note = L.DomUtil.create("div", "pk-search-note", div);
      function find(text) {
        var q = text.trim().toLowerCase();
        if (!q) return null;
        var exact = rows.filter(function (r) { return r[0].toLowerCase() === q; });
        if (exact.length) return exact[0];
        var part = rows.filter(function (r) { return r[0].toLowerCase().indexOf(q) >= 0; });
        return part.length ? part[0] : null;
      }
      function go(exactOnly) {
        var row = find(input.value);
        if (!row || (exactOnly && row[0].toLowerCase() !== input.value.trim().toLowerCase())) {
          note.textContent = exactOnly || !input.value.trim() ? "" : strings.none;
          return;
        }
        note.textContent = "";
        map.fire("pk-manual");
        map.fitBounds([[row[1][0], row[1][1]], [row[1][2], row[1][3]]], { maxZoom: 15, padding: [30, 30] });
        if (marked) units.resetStyle(marked);
        marked = null;
        units.eachLayer(function (layer) {
          if (layer.feature && layer.feature.properties._pk === row[2]) marked = layer;
        });
        if (marked) {
          marked.setStyle({ weight: 3.5, color: "#d7301f" });
          marked.bringToFront();
        }
      }
      input.addEventListener("input", function () { go(true); });
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          go(false);
        }
      });
      stop(div);
      return div;
    };
    control.addTo(map);
    return control;
  }

  // The fill opacity of the layer's paths (class pk-unit), through a CSS variable: a CSS
  // property outranks the fill-opacity attribute Leaflet sets, also after a hover resets it.
  function opacity(map, start, label) {
    var container = map.getContainer();
    container.style.setProperty("--pk-fill-opacity", String(start));
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "pk-opacity leaflet-bar");
      var text = L.DomUtil.create("label", "", div);
      text.textContent = label;
      var input = L.DomUtil.create("input", "", text);
      input.type = "range";
      input.min = "0";
      input.max = "100";
      input.step = "5";
      input.value = String(Math.round(start * 100));
      input.addEventListener("input", function () {
        container.style.setProperty("--pk-fill-opacity", String(input.value / 100));
      });
      stop(div);
      return div;
    };
    control.addTo(map);
    return control;
  }

  window.PetaKesos = {
    foldable: foldable,
    outlines: outlines,
    fitBeside: fitBeside,
    labels: labels,
    search: search,
    opacity: opacity,
  };
})();
