// The database notice (dashboard/server.py): once the database answers again, the page is
// loaded anew, so every chart that failed while it was away is drawn.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  icc_db: {
    reload: function (back) {
      if (back) {
        window.location.reload();
      }
      return window.dash_clientside.no_update;
    },
  },
});
