// Swagger UI from local files only: no validator badge, no external spec or fonts.
window.addEventListener("DOMContentLoaded", function () {
  var host = document.getElementById("swagger-ui");
  if (!host || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({
    url: host.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: false, // a link inside the summary button is a nested control (WCAG)
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: true,
  });
});
