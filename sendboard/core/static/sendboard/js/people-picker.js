// Turns the people pickers' plain lists into alphagov's accessible-autocomplete, so a
// name can be typed. Without this script the lists still work. A file, not inline: CSP.
import "../build/accessible-autocomplete.min.js";

const autocomplete = window.accessibleAutocomplete;

function people(select) {
  return Array.from(select.options).filter((option) => option.value);
}

function tickedValues(picker) {
  return Array.from(picker.querySelectorAll("[data-people-picker-chosen] input:checked"), (box) => box.value);
}

function say(picker, words) {
  picker.querySelector("[data-people-picker-status]").textContent = words;
}

function tick(picker, select, option) {
  const chosen = picker.querySelector("[data-people-picker-chosen]");
  const existing = Array.from(chosen.querySelectorAll("input")).find((box) => box.value === option.value);
  if (existing) {
    existing.checked = true;
    say(picker, `${option.text} is already chosen`);
    return;
  }
  const id = `${select.id}-${option.value}`;
  const item = document.createElement("div");
  item.className = "govuk-checkboxes__item";
  const box = document.createElement("input");
  Object.assign(box, { className: "govuk-checkboxes__input", type: "checkbox", name: select.name, id, value: option.value, checked: true });
  const label = document.createElement("label");
  Object.assign(label, { className: "govuk-label govuk-checkboxes__label", htmlFor: id, textContent: option.text });
  item.append(box, label);
  chosen.append(item);
  say(picker, `${option.text} added`);
}

// Each person chosen joins the ticked ones, and a fresh empty box takes the list's place
// (the component cannot be emptied from outside), with the focus, to add the next.
function offer(picker, select, inputId, { focus }) {
  const holder = document.createElement("div");
  select.before(holder);
  autocomplete({
    element: holder,
    id: inputId,
    name: "",
    confirmOnBlur: false,
    autoselect: true,
    displayMenu: "overlay",
    source(query, populate) {
      const ticked = tickedValues(picker);
      const words = query.toLowerCase();
      populate(people(select).filter((o) => !ticked.includes(o.value) && o.text.toLowerCase().includes(words)).map((o) => o.text));
    },
    onConfirm(name) {
      const option = people(select).find((o) => o.text === name);
      if (!option) return;
      tick(picker, select, option);
      picker.querySelector(`label[for="${inputId}"]`).textContent = `Add another ${picker.dataset.noun}`;
      window.setTimeout(() => {
        holder.remove();
        offer(picker, select, inputId, { focus: true });
      }, 0);
    },
  });
  if (focus) document.getElementById(inputId).focus();
}

function enhanceMany(picker) {
  const [first, ...spare] = picker.querySelectorAll("[data-people-picker-adder]");
  spare.forEach((adder) => adder.remove());
  const select = first.querySelector("select");
  const inputId = select.id;
  select.id = `${inputId}-select`;
  select.style.display = "none";
  offer(picker, select, inputId, { focus: false });
}

function enhanceOne(select) {
  autocomplete.enhanceSelectElement({
    selectElement: select,
    // Blank stays blank, not the text of the "Choose" option.
    defaultValue: select.value ? undefined : "",
    // An optional person can be set back to its empty choice ("No owner").
    preserveNullOptions: !select.required,
    displayMenu: "overlay",
  });
}

document.querySelectorAll('[data-module="sendboard-people-picker"]').forEach(enhanceMany);
document.querySelectorAll('select[data-module="sendboard-person-picker"]').forEach(enhanceOne);
