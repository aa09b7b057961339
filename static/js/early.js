/* Runs in <head> before the first paint: with JavaScript the phone menu starts closed behind its button;
   without it, the menu is simply shown open (static/css/site.css keys on the "js" class). */
document.documentElement.classList.add("js");
