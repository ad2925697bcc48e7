// The directory's map: numbered markers for the resources listed beside it.
//
// Reads its data from <script type="application/json" id="directory-map-data"> (written by
// the page with Django's json_script, so no inline script is needed):
//   {tiles: {url, attribution}, credits, markers: [{number, name, lat, lon, url}],
//    centre: {lat, lon, label}}
// Without JavaScript, or without Leaflet, the map stays hidden and the list says it all.
(function () {
  "use strict";

  var source = document.getElementById("directory-map-data");
  var element = document.getElementById("directory-map");
  if (!source || !element || !window.L) {
    return;
  }
  var data = JSON.parse(source.textContent);
  element.hidden = false;

  var map = window.L.map(element, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(
    '<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">Leaflet</a>'
  );
  if (data.tiles && data.tiles.url) {
    window.L.tileLayer(data.tiles.url, {
      attribution: data.tiles.attribution,
      maxZoom: 19,
      // The site sends no Referer to other origins; tile servers (OpenStreetMap's among
      // them) ask for one, so the tiles send the site's origin, and only that.
      referrerPolicy: "strict-origin-when-cross-origin",
    }).addTo(map);
  }
  if (data.credits) {
    map.attributionControl.addAttribution(data.credits);
  }

  // "3. Youth club" in a list of results; just the name where there is no list.
  function label(marker) {
    return marker.number ? marker.number + ". " + marker.name : marker.name;
  }

  function link(marker) {
    var anchor = document.createElement("a");
    anchor.className = "govuk-link";
    anchor.href = marker.url;
    anchor.textContent = label(marker);
    return anchor;
  }

  // The view first: Leaflet draws markers only on a map that has one.
  var points = data.markers.map(function (marker) {
    return [marker.lat, marker.lon];
  });
  if (data.centre) {
    points.push([data.centre.lat, data.centre.lon]);
  }
  if (points.length === 1) {
    map.setView(points[0], 15);
  } else {
    // More room at the bottom: the credits line covers the lowest markers otherwise.
    map.fitBounds(points, { paddingTopLeft: [30, 30], paddingBottomRight: [30, 50], maxZoom: 16 });
  }

  if (data.centre) {
    window.L.circleMarker([data.centre.lat, data.centre.lon], {
      radius: 8,
      color: "#0b0c0c",
      weight: 3,
      fillColor: "#ffdd00",
      fillOpacity: 1,
    })
      .bindTooltip(data.centre.label)
      .addTo(map);
  }

  data.markers.forEach(function (marker) {
    var name = label(marker);
    var pin = window.L.marker([marker.lat, marker.lon], {
      icon: window.L.divIcon({
        className: "app-map-marker",
        html: marker.number ? String(Number(marker.number)) : "",
        iconSize: [30, 30],
        iconAnchor: [15, 15],
        popupAnchor: [0, -15],
      }),
      title: name,
      riseOnHover: true,
    })
      .bindPopup(link(marker))
      .addTo(map);
    // A marker is a button (Leaflet's): its name is the listing's number and name, as in the
    // list, not just the number drawn on it.
    pin.getElement().setAttribute("aria-label", name);
  });
})();
