/* dashboard/plaintable.py's PlainTable (a header row and rows of text) and PlainList (an
   ordered list of titled items), each one Dash component. Every value is a React text
   node (never HTML). The table sits in a div that carries the component's id and class,
   as dcc.Markdown's tables did (.md-table). */
(function () {
    var h = React.createElement;
    function PlainTable(props) {
        var columns = props.columns || [];
        var rows = props.rows || [];
        return h(
            "div",
            {id: props.id, className: props.className},
            h(
                "table",
                null,
                h("thead", null, h("tr", null, columns.map(function (text, i) {
                    return h("th", {key: i, scope: "col"}, text);
                }))),
                h("tbody", null, rows.map(function (row, i) {
                    return h("tr", {key: i}, row.map(function (text, j) {
                        return h("td", {key: j}, text);
                    }));
                }))
            )
        );
    }
    function PlainList(props) {
        var items = props.items || [];
        return h("ol", {id: props.id, className: props.className}, items.map(function (item, i) {
            var title = {};
            if (item[1]) {
                title = {className: "illustrative-mark", "data-mark": props.mark,
                         title: props.markTitle};
            }
            return h(
                "li",
                {key: i, className: "mb-2"},
                h("div", null, h("strong", title, item[0]),
                  h("span", {className: "ms-1"}, " " + item[2])),
                h("div", {className: "small text-muted"}, item[3])
            );
        }));
    }
    window.icc_components = Object.assign(
        window.icc_components || {}, {PlainTable: PlainTable, PlainList: PlainList}
    );
})();
